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

}  // namespace alvh::backtest
