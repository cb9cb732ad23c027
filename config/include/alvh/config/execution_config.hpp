#pragma once
// Costs and fill assumptions shared by backtest and paper trading (docs/references.md §R2, DEFAULTS #14).
namespace alvh::config {

enum class ExecutionMode { Backtest, Paper, Live };

struct ExecutionConfig {
  ExecutionMode mode = ExecutionMode::Backtest;
  double spxw_fee_per_contract = 1.25;      // $ per SPXW contract per side, all-in
  double vix_fee_per_contract = 1.15;       // $ per VIX option contract per side, all-in
  double spxw_slippage_per_leg = 0.05;      // points per SPXW leg (premium below the threshold)
  double spxw_slippage_per_leg_high = 0.10; // points per SPXW leg at or above the threshold
  double spxw_high_premium_threshold = 3.00;  // points; SPX tick becomes 0.10 here
  double vix_slippage_per_leg = 0.05;       // points per VIX option leg
};

}  // namespace alvh::config
