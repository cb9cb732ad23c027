#pragma once
// Figures the sensitivity sweep tabulates per variant that the equity-curve metrics do not give
// directly: the 99% expected shortfall of the daily $ P&L and the hedge's cost per year.
#include <span>

#include "alvh/backtest/backtest_result.hpp"

namespace alvh::backtest {

// Historical expected shortfall of the daily $ P&L (equity change close to close) at `alpha`
// (0.99): the mean of the worst ceil((1 - alpha) N) days, a negative number for losses. 0 with
// fewer than two days.
double daily_pnl_cvar(std::span<const DailyRecord> daily, double alpha);

struct RiskFigures {
  double cvar99_pnl = 0;              // $, daily_pnl_cvar(daily, 0.99)
  double hedge_cost_per_year = 0;     // $, -(net hedge P&L) / years: > 0 when the hedge lost money
  double hedge_premium_per_year = 0;  // $, premium paid for VIX calls / years (fees included)
};

// From a summarized variant (summarize_variant has filled metrics and per-year figures).
RiskFigures risk_figures(const VariantResult& v);

}  // namespace alvh::backtest
