#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "alvh/backtest/metrics.hpp"

using namespace alvh;
using namespace alvh::backtest;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("metrics on a hand-computed five-point equity curve", "[backtest][metrics]") {
  // Returns +10%, -10%, 0%, +10%; first to last date is 1461 days = 4 years of 365.25.
  const std::vector<double> equity{100, 110, 99, 99, 108.9};
  const std::vector<Date> dates{make_date(2020, 1, 1), make_date(2021, 1, 1), make_date(2022, 1, 1),
                                make_date(2023, 1, 1), make_date(2024, 1, 1)};
  const Metrics m = compute_metrics(dates, equity);
  CAPTURE(m.cagr, m.sharpe, m.sortino, m.max_drawdown);
  const double sd = std::sqrt(0.0275 / 3.0);
  CHECK(m.days == 5);
  CHECK_THAT(m.years, WithinRel(4.0, 1e-12));
  CHECK_THAT(m.total_return, WithinRel(0.089, 1e-9));
  CHECK_THAT(m.cagr, WithinRel(std::pow(1.089, 0.25) - 1.0, 1e-9));
  CHECK_THAT(m.volatility, WithinRel(sd * std::sqrt(252.0), 1e-9));
  CHECK_THAT(m.sharpe, WithinRel(0.025 / sd * std::sqrt(252.0), 1e-9));
  // Downside deviation over total N = 4: sqrt(0.01 / 4) = 0.05.
  CHECK_THAT(m.sortino, WithinRel(0.025 / 0.05 * std::sqrt(252.0), 1e-9));
  CHECK_THAT(m.max_drawdown, WithinRel(0.1, 1e-9));
  CHECK_THAT(m.calmar, WithinRel(m.cagr / 0.1, 1e-9));
  CHECK_THAT(m.worst_day, WithinAbs(-0.1, 1e-12));
  CHECK_THAT(m.best_day, WithinAbs(0.1, 1e-12));
  CHECK_THAT(m.cvar95, WithinAbs(-0.1, 1e-12));
  CHECK_THAT(m.win_rate, WithinAbs(0.5, 1e-12));
}

TEST_CASE("historical CVaR averages the worst tail and VaR is its best member", "[backtest][metrics]") {
  std::vector<double> r;
  for (int i = 1; i <= 100; ++i) r.push_back(-0.001 * (101 - i));  // -0.100 .. -0.001
  double var95 = 0, var99 = 0;
  // Worst 5: -0.100, -0.099, -0.098, -0.097, -0.096.
  CHECK_THAT(historical_cvar(r, 0.95, &var95), WithinAbs(-0.098, 1e-12));
  CHECK_THAT(var95, WithinAbs(-0.096, 1e-12));
  CHECK_THAT(historical_cvar(r, 0.99, &var99), WithinAbs(-0.100, 1e-12));
  CHECK_THAT(var99, WithinAbs(-0.100, 1e-12));
}

TEST_CASE("the Sortino ratio divides the downside deviation by the total count", "[backtest][metrics]") {
  const std::vector<double> r{0.02, -0.01, 0.03, -0.02, 0.01, 0.0};
  const double mean = 0.03 / 6.0;
  const double dd = std::sqrt((0.0001 + 0.0004) / 6.0);
  CHECK_THAT(sortino_ratio(r, 0.0, 252), WithinRel(mean / dd * std::sqrt(252.0), 1e-12));
}

TEST_CASE("max drawdown tracks the running peak and hedge drag is the CAGR gap", "[backtest][metrics]") {
  const std::vector<double> e{100, 120, 90, 130, 65, 140};
  CHECK_THAT(max_drawdown(e), WithinRel(0.5, 1e-12));
  CHECK_THAT(hedge_cost_drag(0.12, 0.10), WithinAbs(0.02, 1e-12));
}
