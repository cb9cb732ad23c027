#include "alvh/backtest/model_executor.hpp"

#include <cmath>
#include <cstdlib>

namespace alvh::backtest {

Execution ModelExecutor::execute(const ExecutorOrder& order) {
  Execution out;
  if (order.problem) {
    out.reason = *order.problem;
    return out;
  }
  const int quantity = order.quantity();
  const double limit = order.limit();
  const PriceEffect effect = order.effect();
  out.booked = fills_->fill(order.legs, quantity);
  const venue::ComboFill& fill = out.booked;
  const double magnitude = std::fabs(fill.net_price);
  const PriceEffect got = fill.net_price < 0 ? PriceEffect::Credit : fill.net_price > 0 ? PriceEffect::Debit : effect;
  if (enforce_limits_) {
    const bool ok = effect == PriceEffect::Credit ? (got == PriceEffect::Credit || magnitude == 0) && magnitude + 1e-9 >= limit
                                                  : (got == PriceEffect::Credit || magnitude <= limit + 1e-9);
    if (!ok) {
      out.state = ExecutionState::Cancelled;
      out.reason = "limit " + std::to_string(limit) + " not reached by the model fill " + std::to_string(magnitude);
      return out;
    }
  }
  out.state = ExecutionState::Filled;
  Fill& f = out.fill;
  f.id = order.id;
  f.quantity = quantity;
  f.net_price = magnitude;
  f.effect = got;
  f.commission = fill.fees;
  f.time = order.at;
  f.legs.reserve(fill.legs.size());
  for (const venue::FilledLeg& leg : fill.legs)
    f.legs.push_back({leg.instrument, leg.quantity > 0 ? Side::Buy : Side::Sell, std::abs(leg.quantity), leg.price});
  return out;
}

}  // namespace alvh::backtest
