#include "alvh/backtest/model_executor.hpp"

namespace alvh::backtest {

std::vector<Settlement> settlement_events(const std::vector<venue::VenueSettlement>& settled) {
  std::vector<Settlement> out;
  out.reserve(settled.size());
  for (const venue::VenueSettlement& s : settled)
    out.push_back({s.fill.instrument, s.at.date, s.fill.settlement_price, s.fill.quantity, s.fill.cash});
  return out;
}

Execution execution_of(venue::VenueExecution v) {
  Execution out;
  out.reason = std::move(v.reason);
  if (v.state == OrderState::Filled) {
    out.state = ExecutionState::Filled;
    out.fills.push_back({std::move(v.booked), std::move(v.fill)});
  } else {
    out.state = v.state == OrderState::Cancelled ? ExecutionState::Cancelled : ExecutionState::Rejected;
  }
  return out;
}

std::vector<Settlement> ModelExecutor::advance(ExchangeTime now) { return settlement_events(venue_.advance(now)); }

Execution ModelExecutor::execute(const ExecutorOrder& order) {
  if (order.problem) {  // the reference cannot price it; neither can the venue (same model)
    Execution out;
    out.reason = *order.problem;
    return out;
  }
  return execution_of(order.combo ? venue_.execute(order.id, *order.combo) : venue_.execute(order.id, *order.single));
}

}  // namespace alvh::backtest
