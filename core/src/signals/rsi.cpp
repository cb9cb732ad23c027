#include "alvh/core/signals/rsi.hpp"

#include <stdexcept>

#include "valid_subsequence.hpp"

namespace alvh {

namespace {
// TA_IS_ZERO from TA-Lib ta_utility.h (classic releases).
bool ta_is_zero(double v) { return -0.00000001 < v && v < 0.00000001; }
double rsi_of(double gain, double loss) {
  const double total = gain + loss;
  return ta_is_zero(total) ? 0.0 : 100.0 * (gain / total);
}
}  // namespace

Rsi::Rsi(int period) : period_(period) {
  if (period < 2) throw std::invalid_argument("rsi period must be >= 2");
}

void Rsi::reset() {
  count_ = 0;
  prev_value_ = gain_ = loss_ = 0.0;
}

Value Rsi::update(Value x) {
  if (!detail::is_valid(x)) return std::nullopt;
  const double v = *x;
  ++count_;
  if (count_ == 1) {
    prev_value_ = v;
    return std::nullopt;
  }
  const double change = v - prev_value_;
  prev_value_ = v;
  if (count_ <= period_ + 1) {
    if (change < 0.0) {
      loss_ -= change;
    } else {
      gain_ += change;
    }
    if (count_ < period_ + 1) return std::nullopt;
    loss_ /= static_cast<double>(period_);
    gain_ /= static_cast<double>(period_);
    return rsi_of(gain_, loss_);
  }
  loss_ *= static_cast<double>(period_ - 1);
  gain_ *= static_cast<double>(period_ - 1);
  if (change < 0.0) {
    loss_ -= change;
  } else {
    gain_ += change;
  }
  loss_ /= static_cast<double>(period_);
  gain_ /= static_cast<double>(period_);
  return rsi_of(gain_, loss_);
}

std::vector<Value> rsi(std::span<const Value> x, int period) {
  if (period < 2) throw std::invalid_argument("rsi period must be >= 2");
  std::vector<Value> out(x.size());
  const auto v = detail::valid_subsequence(x);
  const auto& in = v.values;
  const std::size_t n = in.size();
  const auto p = static_cast<std::size_t>(period);
  if (n < p + 1) return out;
  // Literal TA_RSI (classic, unstable period 0) with startIdx = lookback = period.
  std::size_t today = 0;
  double prev_value = in[today];
  double prev_gain = 0.0, prev_loss = 0.0;
  ++today;
  for (std::size_t i = p; i > 0; --i) {
    const double t1 = in[today++];
    const double t2 = t1 - prev_value;
    prev_value = t1;
    if (t2 < 0.0) {
      prev_loss -= t2;
    } else {
      prev_gain += t2;
    }
  }
  prev_loss /= static_cast<double>(period);
  prev_gain /= static_cast<double>(period);
  out[v.index[p]] = rsi_of(prev_gain, prev_loss);
  while (today < n) {
    const double t1 = in[today];
    const double t2 = t1 - prev_value;
    prev_value = t1;
    prev_loss *= static_cast<double>(period - 1);
    prev_gain *= static_cast<double>(period - 1);
    if (t2 < 0.0) {
      prev_loss -= t2;
    } else {
      prev_gain += t2;
    }
    prev_loss /= static_cast<double>(period);
    prev_gain /= static_cast<double>(period);
    out[v.index[today++]] = rsi_of(prev_gain, prev_loss);
  }
  return out;
}

}  // namespace alvh
