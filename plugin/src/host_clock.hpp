#pragma once
// Clock port answered by the host's now_utc / now_local functions.
#include "alvh/core/clock.hpp"
#include "alvh/plugin.h"
#include "alvh/plugin_abi/from_c.hpp"

namespace alvh::plugin {

class HostClock final : public Clock {
 public:
  explicit HostClock(const alvh_host_api& api) : api_(api) {}
  Timestamp now_utc() const override { return plugin_abi::from_c_time(api_.now_utc(api_.host)); }
  ExchangeTime now_local() const override { return plugin_abi::from_c(api_.now_local(api_.host), "host now_local"); }

 private:
  const alvh_host_api& api_;
};

}  // namespace alvh::plugin
