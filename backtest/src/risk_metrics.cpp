#include "alvh/backtest/risk_metrics.hpp"

#include <vector>

#include "alvh/backtest/metrics.hpp"

namespace alvh::backtest {

double daily_pnl_cvar(std::span<const DailyRecord> daily, double alpha) {
  if (daily.size() < 2) return 0;
  std::vector<double> pnl;
  pnl.reserve(daily.size() - 1);
  for (std::size_t i = 1; i < daily.size(); ++i) pnl.push_back(daily[i].equity - daily[i - 1].equity);
  return historical_cvar(pnl, alpha);
}

RiskFigures risk_figures(const VariantResult& v) {
  RiskFigures f;
  f.cvar99_pnl = daily_pnl_cvar(v.daily, 0.99);
  f.hedge_cost_per_year = v.hedge_pnl_per_year == 0 ? 0.0 : -v.hedge_pnl_per_year;  // no -0
  f.hedge_premium_per_year = v.hedge_premium_per_year;
  return f;
}

}  // namespace alvh::backtest
