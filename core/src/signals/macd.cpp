#include "alvh/core/signals/macd.hpp"

#include <stdexcept>
#include <utility>

#include "valid_subsequence.hpp"

namespace alvh {

namespace {
void normalise(int& fast, int& slow, int signal) {
  if (slow < fast) std::swap(fast, slow);  // as TA-Lib
  if (fast < 2 || signal < 1) throw std::invalid_argument("macd needs fast, slow >= 2 and signal >= 1");
}
}  // namespace

Macd::Macd(int fast, int slow, int signal) : fast_period_(fast), slow_period_(slow), signal_period_(signal) {
  normalise(fast_period_, slow_period_, signal_period_);
  fast_k_ = 2.0 / static_cast<double>(fast_period_ + 1);
  slow_k_ = 2.0 / static_cast<double>(slow_period_ + 1);
  signal_k_ = 2.0 / static_cast<double>(signal_period_ + 1);
}

void Macd::reset() {
  count_ = 0;
  fast_ = slow_ = signal_ = 0.0;
}

std::optional<MacdPoint> Macd::update(Value x) {
  if (!detail::is_valid(x)) return std::nullopt;
  const double v = *x;
  ++count_;
  if (count_ <= slow_period_) {
    // Seeds: the slow sum takes every bar, the fast sum only the last `fast` bars of the slow
    // window, so both windows end on the same bar (TA-Lib sums from 0.0 in input order).
    slow_ += v;
    if (count_ > slow_period_ - fast_period_) fast_ += v;
    if (count_ < slow_period_) return std::nullopt;
    slow_ = slow_ / slow_period_;
    fast_ = fast_ / fast_period_;
  } else {
    fast_ = (v - fast_) * fast_k_ + fast_;
    slow_ = (v - slow_) * slow_k_ + slow_;
  }
  const double macd_value = fast_ - slow_;
  const int macd_count = count_ - slow_period_ + 1;
  if (macd_count <= signal_period_) {
    signal_ += macd_value;
    if (macd_count < signal_period_) return std::nullopt;
    signal_ = signal_ / signal_period_;
  } else {
    signal_ = (macd_value - signal_) * signal_k_ + signal_;
  }
  return MacdPoint{macd_value, signal_, macd_value - signal_};
}

MacdSeries macd(std::span<const Value> x, int fast, int slow, int signal) {
  normalise(fast, slow, signal);
  MacdSeries out{std::vector<Value>(x.size()), std::vector<Value>(x.size()), std::vector<Value>(x.size())};
  const auto v = detail::valid_subsequence(x);
  const auto& in = v.values;
  const int n = static_cast<int>(in.size());
  // Literal TA_MACD (default compatibility) with startIdx = lookbackTotal.
  const double slow_k = 2.0 / static_cast<double>(slow + 1);
  const double fast_k = 2.0 / static_cast<double>(fast + 1);
  const double signal_k = 2.0 / static_cast<double>(signal + 1);
  const int lookback_signal = signal - 1;
  const int lookback_total = lookback_signal + (slow - 1);
  const int start_idx = lookback_total;
  if (start_idx > n - 1) return out;
  auto at = [&](int i) { return in[static_cast<std::size_t>(i)]; };
  int today = start_idx - lookback_total;
  double temp = 0.0;
  for (int i = slow - fast; i > 0; --i) temp += at(today++);
  double prev_fast = 0.0;
  for (int i = fast; i > 0; --i) {
    prev_fast += at(today);
    temp += at(today++);
  }
  double prev_slow = temp / slow;
  prev_fast = prev_fast / fast;
  while (today <= start_idx - lookback_signal) {
    temp = at(today++);
    prev_fast = (temp - prev_fast) * fast_k + prev_fast;
    prev_slow = (temp - prev_slow) * slow_k + prev_slow;
  }
  double macd_value = prev_fast - prev_slow;
  double prev_signal = 0.0;
  prev_signal += macd_value;
  for (int i = signal - 1; i > 0; --i) {
    temp = at(today++);
    prev_fast = (temp - prev_fast) * fast_k + prev_fast;
    prev_slow = (temp - prev_slow) * slow_k + prev_slow;
    macd_value = prev_fast - prev_slow;
    prev_signal += macd_value;
  }
  prev_signal = prev_signal / signal;
  auto write = [&](int idx) {
    const std::size_t o = v.index[static_cast<std::size_t>(idx)];
    out.macd[o] = macd_value;
    out.signal[o] = prev_signal;
    out.hist[o] = macd_value - prev_signal;
  };
  write(start_idx);
  while (today <= n - 1) {
    temp = at(today);
    prev_fast = (temp - prev_fast) * fast_k + prev_fast;
    prev_slow = (temp - prev_slow) * slow_k + prev_slow;
    macd_value = prev_fast - prev_slow;
    prev_signal = (macd_value - prev_signal) * signal_k + prev_signal;
    write(today++);
  }
  return out;
}

}  // namespace alvh
