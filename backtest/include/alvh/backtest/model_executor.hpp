#pragma once
// The in-process executor of the backtest: every priced order fills at once with the shared fill
// model (mid -/+ slippage, fees). With `enforce_limits` an order whose model fill misses its limit
// is cancelled instead. The paper host uses it as the mirror it checks the broker's fills against.
#include "alvh/venue/fill_model.hpp"
#include "alvh/backtest/order_executor.hpp"

namespace alvh::backtest {

class ModelExecutor final : public OrderExecutor {
 public:
  ModelExecutor(const venue::FillModel& fills, bool enforce_limits) : fills_(&fills), enforce_limits_(enforce_limits) {}
  Execution execute(const ExecutorOrder& order) override;

 private:
  const venue::FillModel* fills_;
  bool enforce_limits_;
};

}  // namespace alvh::backtest
