#pragma once
// NYSE trading days and early closes. Trading days: QuantLib's UnitedStates(NYSE) calendar plus
// the unscheduled closures QuantLib 1.29 misses. Early closes: NYSE rules implemented here, since
// QuantLib has no early-close API. History and known gaps: docs/calendar.md.
#include <memory>
#include <optional>

#include "alvh/core/exchange_calendar.hpp"

namespace alvh {

class NyseCalendar final : public ExchangeCalendar {
 public:
  NyseCalendar();

  // Throws std::out_of_range outside [first_supported_date(), last_supported_date()].
  bool is_trading_day(Date d) const override;
  // True on a trading day with a scheduled holiday early close (13:00, or 14:00 before 1993).
  bool is_early_close(Date d) const override;
  // The scheduled early close, minutes after midnight New York time; nullopt on a full day or a
  // closed day.
  std::optional<int> early_close_minutes(Date d) const;
  int close_minutes(Date d) const override;

  // QuantLib's date range; early-close rules are modelled from 1990-01-01 only.
  static Date first_supported_date();
  static Date last_supported_date();

 private:
  struct Impl;  // keeps QuantLib out of this header
  std::shared_ptr<const Impl> impl_;
};

}  // namespace alvh
