#include "alvh/backtest/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace alvh::backtest {

std::vector<double> daily_returns(std::span<const double> equity) {
  std::vector<double> r;
  if (equity.size() < 2) return r;
  r.reserve(equity.size() - 1);
  for (std::size_t i = 1; i < equity.size(); ++i)
    r.push_back(equity[i - 1] != 0 ? equity[i] / equity[i - 1] - 1.0 : 0.0);
  return r;
}

double max_drawdown(std::span<const double> equity) {
  double peak = 0, mdd = 0;
  bool first = true;
  for (double e : equity) {
    if (first || e > peak) peak = e;
    first = false;
    if (peak > 0) mdd = std::max(mdd, (peak - e) / peak);
  }
  return mdd;
}

double historical_cvar(std::span<const double> returns, double alpha, double* var) {
  if (returns.empty()) {
    if (var) *var = 0;
    return 0;
  }
  std::vector<double> sorted(returns.begin(), returns.end());
  std::sort(sorted.begin(), sorted.end());
  const double tail = (1.0 - alpha) * static_cast<double>(sorted.size());
  // The small epsilon keeps 0.05 * 100 from rounding up to 6 through floating-point error.
  const auto k = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(tail - 1e-9)));
  if (var) *var = sorted[k - 1];
  return std::accumulate(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), 0.0) /
         static_cast<double>(k);
}

double sortino_ratio(std::span<const double> returns, double mar, double periods_per_year) {
  if (returns.empty()) return 0;
  double sum = 0, down = 0;
  for (double r : returns) {
    sum += r - mar;
    const double d = std::min(r - mar, 0.0);
    down += d * d;
  }
  const double n = static_cast<double>(returns.size());
  const double dd = std::sqrt(down / n);  // total N, not only the negative count
  return dd > 0 ? (sum / n) / dd * std::sqrt(periods_per_year) : 0.0;
}

Metrics compute_metrics(std::span<const Date> dates, std::span<const double> equity, const MetricParams& params) {
  Metrics m;
  m.days = static_cast<int>(equity.size());
  if (equity.size() < 2 || dates.size() != equity.size()) return m;
  m.start_equity = equity.front();
  m.end_equity = equity.back();
  m.years = static_cast<double>(days_between(dates.front(), dates.back())) / 365.25;
  m.total_return = m.start_equity != 0 ? m.end_equity / m.start_equity - 1.0 : 0.0;
  if (m.years > 0)
    m.cagr = m.end_equity > 0 && m.start_equity > 0 ? std::pow(m.end_equity / m.start_equity, 1.0 / m.years) - 1.0
                                                    : -1.0;

  const std::vector<double> r = daily_returns(equity);
  const double n = static_cast<double>(r.size());
  const double rf = params.risk_free / params.periods_per_year;
  double mean = 0, mean_ex = 0;
  for (double x : r) {
    mean += x;
    mean_ex += x - rf;
  }
  mean /= n;
  mean_ex /= n;
  double var = 0;
  for (double x : r) var += (x - mean) * (x - mean);
  const double sd = r.size() > 1 ? std::sqrt(var / (n - 1.0)) : 0.0;  // sample stdev; rf shift keeps it
  m.volatility = sd * std::sqrt(params.periods_per_year);
  m.sharpe = sd > 0 ? mean_ex / sd * std::sqrt(params.periods_per_year) : 0.0;
  m.sortino = sortino_ratio(r, params.mar, params.periods_per_year);
  m.max_drawdown = max_drawdown(equity);
  m.calmar = m.max_drawdown > 0 ? m.cagr / m.max_drawdown : 0.0;
  m.cvar95 = historical_cvar(r, 0.95, &m.var95);
  m.cvar99 = historical_cvar(r, 0.99, &m.var99);
  m.worst_day = *std::min_element(r.begin(), r.end());
  m.best_day = *std::max_element(r.begin(), r.end());
  m.win_rate = static_cast<double>(std::count_if(r.begin(), r.end(), [](double x) { return x > 0; })) / n;
  return m;
}

}  // namespace alvh::backtest
