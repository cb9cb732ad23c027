#pragma once
// ExchangeCalendar port answered by the host, so plugin and host agree on holidays and early
// closes (the host owns the calendar data).
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/plugin.h"
#include "alvh/plugin_abi/to_c.hpp"

namespace alvh::plugin {

class HostCalendar final : public ExchangeCalendar {
 public:
  explicit HostCalendar(const alvh_host_api& api) : api_(api) {}
  bool is_trading_day(Date d) const override { return api_.is_trading_day(api_.host, plugin_abi::to_c_date(d)) != 0; }
  bool is_early_close(Date d) const override { return close_minutes(d) < 16 * 60; }
  int close_minutes(Date d) const override { return api_.close_minutes(api_.host, plugin_abi::to_c_date(d)); }

 private:
  const alvh_host_api& api_;
};

}  // namespace alvh::plugin
