#pragma once
// Performance metrics on a daily equity curve (docs/references.md §R9). Returns are simple daily returns
// E_t / E_{t-1} - 1; losses are negative numbers (VaR, CVaR, worst day, drawdown as a fraction).
#include <optional>
#include <span>
#include <vector>

#include "alvh/core/date.hpp"

namespace alvh::backtest {

struct MetricParams {
  double risk_free = 0.0;        // annual, for Sharpe (daily rf = risk_free / periods_per_year)
  double mar = 0.0;              // daily minimum acceptable return, for Sortino
  double periods_per_year = 252;
};

struct Metrics {
  int days = 0;              // equity observations
  double years = 0;          // calendar days between first and last / 365.25
  double start_equity = 0, end_equity = 0;
  double total_return = 0;
  double cagr = 0;
  double volatility = 0;     // annualised sample stdev of daily returns
  double sharpe = 0;         // mean(r - rf) / sd(r - rf) * sqrt(252)
  double sortino = 0;        // mean(r - MAR) / sqrt(sum(min(r - MAR, 0)^2) / N) * sqrt(252)
  double max_drawdown = 0;   // max_t (peak_t - E_t) / peak_t, a positive fraction
  double calmar = 0;         // CAGR / MDD (0 when MDD is 0)
  double var95 = 0, cvar95 = 0, var99 = 0, cvar99 = 0;  // historical, daily returns
  double worst_day = 0;      // lowest daily return
  double best_day = 0;
  double win_rate = 0;       // share of days with a positive return
};

// Requires dates.size() == equity.size(); fewer than two points gives zeros.
Metrics compute_metrics(std::span<const Date> dates, std::span<const double> equity,
                        const MetricParams& params = {});

std::vector<double> daily_returns(std::span<const double> equity);
double max_drawdown(std::span<const double> equity);
// Historical expected shortfall at level alpha (0.95): mean of the worst ceil((1-alpha) N)
// returns; `var` receives the best of those (the VaR cut-off).
double historical_cvar(std::span<const double> returns, double alpha, double* var = nullptr);
double sortino_ratio(std::span<const double> returns, double mar, double periods_per_year);

// Hedge cost drag per year: CAGR(condors alone) - CAGR(condors + hedge) (docs/references.md §R9).
inline double hedge_cost_drag(double cagr_unhedged, double cagr_hedged) { return cagr_unhedged - cagr_hedged; }

}  // namespace alvh::backtest
