#pragma once
// Port for an exchange's trading days. The NYSE implementation (QuantLib) is in adapters/quantlib.
#include "alvh/core/date.hpp"

namespace alvh {

class ExchangeCalendar {
 public:
  virtual ~ExchangeCalendar() = default;
  virtual bool is_trading_day(Date d) const = 0;
  // Early close (13:00 New York) on a trading day.
  virtual bool is_early_close(Date d) const = 0;
  // Minutes after midnight, exchange local time, of the regular close (960 = 16:00).
  // Virtual because early-close times changed over history (14:00 before 1993).
  virtual int close_minutes(Date d) const { return is_early_close(d) ? 13 * 60 : 16 * 60; }
  Date next_trading_day(Date d) const {
    do d = add_days(d, 1); while (!is_trading_day(d));
    return d;
  }
  Date previous_trading_day(Date d) const {
    do d = add_days(d, -1); while (!is_trading_day(d));
    return d;
  }
};

}  // namespace alvh
