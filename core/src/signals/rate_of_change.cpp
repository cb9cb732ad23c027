#include "alvh/core/signals/rate_of_change.hpp"

#include <stdexcept>

#include "valid_subsequence.hpp"

namespace alvh {

namespace {
Value roc_of(double now, double then) {
  if (then == 0.0) return std::nullopt;
  return ((now / then) - 1.0) * 100.0;  // TA-Lib ROC operation order
}
}  // namespace

RateOfChange::RateOfChange(int period)
    : window_(static_cast<std::size_t>(period > 0 ? period + 1 : 1)) {
  if (period < 1) throw std::invalid_argument("roc period must be >= 1");
}

void RateOfChange::reset() {
  next_ = 0;
  count_ = 0;
}

Value RateOfChange::update(Value x) {
  if (!detail::is_valid(x)) return std::nullopt;
  const std::size_t n = window_.size();
  window_[next_] = *x;
  next_ = (next_ + 1) % n;
  if (count_ < n) ++count_;
  if (count_ < n) return std::nullopt;
  return roc_of(*x, window_[next_]);  // the slot written next holds the value `period` bars ago
}

std::vector<Value> rate_of_change(std::span<const Value> x, int period) {
  if (period < 1) throw std::invalid_argument("roc period must be >= 1");
  std::vector<Value> out(x.size());
  const auto v = detail::valid_subsequence(x);
  const auto p = static_cast<std::size_t>(period);
  for (std::size_t i = p; i < v.values.size(); ++i) out[v.index[i]] = roc_of(v.values[i], v.values[i - p]);
  return out;
}

}  // namespace alvh
