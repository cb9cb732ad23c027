#include "alvh/core/signals/ema.hpp"

#include <stdexcept>

#include "valid_subsequence.hpp"

namespace alvh {

Ema::Ema(int period) : period_(period), k_(2.0 / static_cast<double>(period + 1)) {
  if (period < 1) throw std::invalid_argument("ema period must be >= 1");
}

void Ema::reset() {
  count_ = 0;
  value_ = 0.0;
}

Value Ema::update(Value x) {
  if (!detail::is_valid(x)) return std::nullopt;
  if (count_ < period_) {
    value_ += *x;
    if (++count_ < period_) return std::nullopt;
    value_ = value_ / period_;
    return value_;
  }
  value_ = (*x - value_) * k_ + value_;
  return value_;
}

std::vector<Value> ema(std::span<const Value> x, int period) {
  if (period < 1) throw std::invalid_argument("ema period must be >= 1");
  std::vector<Value> out(x.size());
  const auto v = detail::valid_subsequence(x);
  const auto p = static_cast<std::size_t>(period);
  if (v.values.size() < p) return out;
  // TA_EMA_Private, default compatibility, startIdx = lookback = period - 1.
  const double k = 2.0 / static_cast<double>(period + 1);
  std::size_t today = 0;
  double temp = 0.0;
  for (std::size_t i = 0; i < p; ++i) temp += v.values[today++];
  double prev = temp / period;
  out[v.index[p - 1]] = prev;
  while (today < v.values.size()) {
    prev = (v.values[today] - prev) * k + prev;
    out[v.index[today++]] = prev;
  }
  return out;
}

}  // namespace alvh
