#pragma once
// The host function table a C++ host hands to a plug-in, answered by a StrategyContext (replay,
// paper or live). Every function catches what the context throws: int-returning functions
// return ALVH_ERR_HOST, the others return a neutral value; the message is kept in last_error().
#include <string>
#include <vector>

#include "alvh/core/strategy_context.hpp"
#include "alvh/plugin.h"

namespace alvh::host {

class HostTable {
 public:
  explicit HostTable(StrategyContext& ctx);
  HostTable(const HostTable&) = delete;
  HostTable& operator=(const HostTable&) = delete;

  const alvh_host_api* api() const { return &api_; }
  StrategyContext& context() const { return ctx_; }
  // The last failure inside a host function (empty when none), cleared by take_error().
  const std::string& last_error() const { return last_error_; }
  std::string take_error();

 private:
  friend struct HostFunctions;
  StrategyContext& ctx_;
  alvh_host_api api_{};
  std::vector<Position> positions_;  // backs the tag strings of the last positions() answer
  std::string last_error_;
};

}  // namespace alvh::host
