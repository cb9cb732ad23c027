#include "alvh/core/signals/percent_rank.hpp"

#include <algorithm>
#include <stdexcept>

#include "valid_subsequence.hpp"

namespace alvh {

double percent_rank_of(std::size_t below, std::size_t equal, int period) {
  return 100.0 * (static_cast<double>(below) + static_cast<double>(equal - 1) / 2.0) /
         static_cast<double>(period - 1);
}

PercentRank::PercentRank(int period) : period_(period) {
  if (period < 2) throw std::invalid_argument("pct_rank period must be >= 2");
  window_.reserve(static_cast<std::size_t>(period));
  sorted_.reserve(static_cast<std::size_t>(period));
}

void PercentRank::reset() {
  window_.clear();
  sorted_.clear();
  next_ = 0;
}

Value PercentRank::update(Value x) {
  if (!detail::is_valid(x)) return std::nullopt;
  const double v = *x;
  const auto p = static_cast<std::size_t>(period_);
  if (window_.size() < p) {
    window_.push_back(v);
  } else {
    const double old = window_[next_];
    sorted_.erase(std::lower_bound(sorted_.begin(), sorted_.end(), old));
    window_[next_] = v;
    next_ = (next_ + 1) % p;
  }
  sorted_.insert(std::upper_bound(sorted_.begin(), sorted_.end(), v), v);
  if (sorted_.size() < p) return std::nullopt;
  const auto [lo, hi] = std::equal_range(sorted_.begin(), sorted_.end(), v);
  return percent_rank_of(static_cast<std::size_t>(lo - sorted_.begin()), static_cast<std::size_t>(hi - lo),
                         period_);
}

std::vector<Value> percent_rank(std::span<const Value> x, int period) {
  if (period < 2) throw std::invalid_argument("pct_rank period must be >= 2");
  std::vector<Value> out(x.size());
  const auto v = detail::valid_subsequence(x);
  const auto p = static_cast<std::size_t>(period);
  for (std::size_t i = p - 1; i < v.values.size(); ++i) {
    std::size_t below = 0, equal = 0;
    for (std::size_t j = i + 1 - p; j <= i; ++j) {
      below += v.values[j] < v.values[i] ? 1U : 0U;
      equal += v.values[j] == v.values[i] ? 1U : 0U;
    }
    out[v.index[i]] = percent_rank_of(below, equal, period);
  }
  return out;
}

}  // namespace alvh
