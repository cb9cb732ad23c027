#pragma once
// A strategy's decision lines: "<exchange time> <message>" at LogLevel::Decision under the
// strategy's name, the one format both strategies and the decision log reader rely on.
#include <string_view>

#include "alvh/core/strategy_context.hpp"

namespace alvh::strategies {

void log_decision(StrategyContext& ctx, std::string_view source, std::string_view message);

// The same, with the text built by `message()` only when someone reads decisions. Without a reader
// the decision is still logged (empty), so counts of decisions do not depend on who listens.
template <class Message>
void log_decision_lazily(StrategyContext& ctx, std::string_view source, Message&& message) {
  if (ctx.log_enabled(LogLevel::Decision)) log_decision(ctx, source, message());
  else ctx.log(LogLevel::Decision, source, {});
}

}  // namespace alvh::strategies
