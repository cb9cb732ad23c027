#include "alvh/core/signals/sma.hpp"

#include <stdexcept>

#include "valid_subsequence.hpp"

namespace alvh {

Sma::Sma(int period) : period_(period), window_(static_cast<std::size_t>(period > 0 ? period : 1)) {
  if (period < 1) throw std::invalid_argument("sma period must be >= 1");
}

void Sma::reset() {
  head_ = 0;
  count_ = 0;
  total_ = 0.0;
}

Value Sma::update(Value x) {
  if (!detail::is_valid(x)) return std::nullopt;
  const std::size_t n = window_.size();
  window_[(head_ + count_) % n] = *x;
  total_ += *x;
  if (++count_ < n) return std::nullopt;
  const double out = total_ / period_;
  total_ -= window_[head_];  // TA-Lib subtracts the trailing value after dividing
  head_ = (head_ + 1) % n;
  --count_;
  return out;
}

std::vector<Value> sma(std::span<const Value> x, int period) {
  if (period < 1) throw std::invalid_argument("sma period must be >= 1");
  std::vector<Value> out(x.size());
  const auto v = detail::valid_subsequence(x);
  const auto p = static_cast<std::size_t>(period);
  if (v.values.size() < p) return out;
  // TA_SMA with startIdx = period - 1.
  double total = 0.0;
  std::size_t i = 0, trailing = 0;
  while (i < p - 1) total += v.values[i++];
  while (i < v.values.size()) {
    total += v.values[i];
    const double temp = total;
    total -= v.values[trailing++];
    out[v.index[i]] = temp / period;
    ++i;
  }
  return out;
}

}  // namespace alvh
