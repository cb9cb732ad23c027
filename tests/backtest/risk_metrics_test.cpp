// The sweep's extra risk figures: expected shortfall of the daily $ P&L and the hedge's cost per year.
#include <catch2/catch.hpp>

#include <vector>

#include "alvh/backtest/risk_metrics.hpp"

using namespace alvh::backtest;

namespace {

std::vector<DailyRecord> curve(const std::vector<double>& equity) {
  std::vector<DailyRecord> days;
  for (double e : equity) {
    DailyRecord d;
    d.equity = e;
    days.push_back(d);
  }
  return days;
}

}  // namespace

TEST_CASE("daily P&L CVaR is the mean of the worst days' equity changes in dollars") {
  // Changes: -500, +100, -2000, +50 ... 100 changes in all, so CVaR 99% is the single worst day
  // and CVaR 95% the mean of the worst five.
  std::vector<double> equity{100000};
  const double changes[] = {-500, 100, -2000, 50, -1000, -300, 20};
  for (int i = 0; i < 100; ++i) equity.push_back(equity.back() + (i < 7 ? changes[i] : 10.0));
  const auto days = curve(equity);
  CAPTURE(equity.size());
  CHECK(daily_pnl_cvar(days, 0.99) == Approx(-2000));
  CHECK(daily_pnl_cvar(days, 0.95) == Approx((-2000 - 1000 - 500 - 300 + 10) / 5.0));
  CHECK(daily_pnl_cvar(curve({100000}), 0.99) == 0);
}

TEST_CASE("hedge cost per year is the net hedge loss per year, positive when the hedge lost money") {
  VariantResult v;
  v.daily = curve({100000, 99000, 101000});
  v.hedge_pnl_per_year = -1234.5;
  v.hedge_premium_per_year = 5000;
  const RiskFigures f = risk_figures(v);
  CHECK(f.hedge_cost_per_year == 1234.5);
  CHECK(f.hedge_premium_per_year == 5000);
  CHECK(f.cvar99_pnl == -1000);
  v.hedge_pnl_per_year = 0;
  CHECK(risk_figures(v).hedge_cost_per_year == 0);
}
