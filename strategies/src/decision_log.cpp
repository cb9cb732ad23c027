#include "alvh/strategies/decision_log.hpp"

#include <string>

namespace alvh::strategies {

void log_decision(StrategyContext& ctx, std::string_view source, std::string_view message) {
  ctx.log(LogLevel::Decision, source, to_string(ctx.clock().now_local()) + " " + std::string(message));
}

}  // namespace alvh::strategies
