#include "alvh/core/signals/zscore.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "valid_subsequence.hpp"

namespace alvh {

namespace {
// Shared by both forms so they agree bit for bit. d = x - pivot.
Value zscore_of(double sum, double sum_sq, double d, double pivot, int period) {
  const double n = static_cast<double>(period);
  const double mean = sum / n;
  const double var = std::max(sum_sq / n - mean * mean, 0.0);
  const double sd = std::sqrt(var);
  // A flat window (up to rounding of the running sums) has no z-score.
  const double scale = std::max(1.0, std::fabs(pivot + mean));
  if (sd <= 1e-9 * scale) return std::nullopt;
  return (d - mean) / sd;
}
}  // namespace

ZScore::ZScore(int period) : period_(period), window_(static_cast<std::size_t>(period > 0 ? period : 1)) {
  if (period < 2) throw std::invalid_argument("zscore period must be >= 2");
}

void ZScore::reset() {
  next_ = 0;
  count_ = 0;
  has_pivot_ = false;
  pivot_ = sum_ = sum_sq_ = 0.0;
}

Value ZScore::update(Value x) {
  if (!detail::is_valid(x)) return std::nullopt;
  if (!has_pivot_) {
    pivot_ = *x;
    has_pivot_ = true;
  }
  const double d = *x - pivot_;
  const std::size_t n = window_.size();
  window_[next_] = d;
  next_ = (next_ + 1) % n;
  sum_ += d;
  sum_sq_ += d * d;
  if (++count_ < n) return std::nullopt;
  const Value out = zscore_of(sum_, sum_sq_, d, pivot_, period_);
  const double old = window_[next_];  // oldest of the window; leaves before the next bar
  sum_ -= old;
  sum_sq_ -= old * old;
  --count_;
  return out;
}

std::vector<Value> zscore(std::span<const Value> x, int period) {
  if (period < 2) throw std::invalid_argument("zscore period must be >= 2");
  std::vector<Value> out(x.size());
  const auto v = detail::valid_subsequence(x);
  const auto p = static_cast<std::size_t>(period);
  if (v.values.empty()) return out;
  const double pivot = v.values[0];
  double sum = 0.0, sum_sq = 0.0;
  for (std::size_t i = 0; i < v.values.size(); ++i) {
    const double d = v.values[i] - pivot;
    sum += d;
    sum_sq += d * d;
    if (i + 1 < p) continue;
    out[v.index[i]] = zscore_of(sum, sum_sq, d, pivot, period);
    const double old = v.values[i + 1 - p] - pivot;
    sum -= old;
    sum_sq -= old * old;
  }
  return out;
}

}  // namespace alvh
