#pragma once
// Nelder-Mead simplex minimiser (private to alvh::calibration): derivative-free, for the few
// smooth-enough parameters of the option model. Deterministic: same start, same result.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <numeric>
#include <vector>

namespace alvh::calibration::detail {

struct MinimizeResult {
  std::vector<double> x;
  double value = 0;
  int evaluations = 0;
};

inline MinimizeResult nelder_mead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x0,
                                  const std::vector<double>& step, int max_evaluations, double tolerance = 1e-7) {
  const std::size_t n = x0.size();
  std::vector<std::vector<double>> p(n + 1, x0);
  std::vector<double> v(n + 1);
  int evals = 0;
  auto eval = [&](const std::vector<double>& x) {
    ++evals;
    return f(x);
  };
  for (std::size_t i = 0; i < n; ++i) p[i + 1][i] += step[i];
  for (std::size_t i = 0; i <= n; ++i) v[i] = eval(p[i]);
  std::vector<std::size_t> order(n + 1);
  while (evals < max_evaluations) {
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    const std::size_t best = order[0], worst = order[n], second = order[n - 1];
    if (std::abs(v[worst] - v[best]) <= tolerance * (std::abs(v[best]) + 1e-12)) break;
    std::vector<double> c(n, 0.0);
    for (std::size_t i = 0; i <= n; ++i)
      if (i != worst)
        for (std::size_t j = 0; j < n; ++j) c[j] += p[i][j] / static_cast<double>(n);
    auto along = [&](double t) {
      std::vector<double> x(n);
      for (std::size_t j = 0; j < n; ++j) x[j] = c[j] + t * (p[worst][j] - c[j]);
      return x;
    };
    const auto xr = along(-1.0);
    const double vr = eval(xr);
    if (vr < v[best]) {
      const auto xe = along(-2.0);
      const double ve = eval(xe);
      if (ve < vr) p[worst] = xe, v[worst] = ve;
      else p[worst] = xr, v[worst] = vr;
    } else if (vr < v[second]) {
      p[worst] = xr, v[worst] = vr;
    } else {
      const auto xc = vr < v[worst] ? along(-0.5) : along(0.5);
      const double vc = eval(xc);
      if (vc < std::min(vr, v[worst])) {
        p[worst] = xc, v[worst] = vc;
      } else {
        for (std::size_t i = 0; i <= n; ++i) {
          if (i == best) continue;
          for (std::size_t j = 0; j < n; ++j) p[i][j] = p[best][j] + 0.5 * (p[i][j] - p[best][j]);
          v[i] = eval(p[i]);
        }
      }
    }
  }
  const std::size_t b = static_cast<std::size_t>(std::min_element(v.begin(), v.end()) - v.begin());
  return {p[b], v[b], evals};
}

}  // namespace alvh::calibration::detail
