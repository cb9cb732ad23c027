#include "alvh/backtest/order_executor.hpp"

namespace alvh::backtest {

int ExecutorOrder::quantity() const { return combo ? combo->quantity : single->quantity; }
double ExecutorOrder::limit() const { return combo ? combo->limit : single->limit; }
PriceEffect ExecutorOrder::effect() const {
  if (combo) return combo->effect;
  return single->side == Side::Buy ? PriceEffect::Debit : PriceEffect::Credit;
}
const std::string& ExecutorOrder::tag() const { return combo ? combo->tag : single->tag; }
bool ExecutorOrder::invalid() const { return problem && problem->starts_with("invalid "); }

int Execution::filled_quantity() const {
  int n = 0;
  for (const ExecutedFill& f : fills) n += f.fill.quantity;
  return n;
}

}  // namespace alvh::backtest
