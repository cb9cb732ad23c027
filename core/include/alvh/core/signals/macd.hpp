#pragma once
// MACD exactly as TA-Lib TA_MACD (default compatibility): the fast and slow EMA seed windows end
// on the same bar (the slow-th valid input), both EMAs then advance in lockstep, MACD = fast -
// slow; the signal EMA is seeded with the mean of the first `signal` MACD values. First output
// on valid input number slow + signal - 1 (index 33 for 12/26/9). Missing inputs are skipped.
#include <optional>
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

struct MacdPoint {
  double macd = 0.0, signal = 0.0, hist = 0.0;
};

struct MacdSeries {
  std::vector<Value> macd, signal, hist;
};

class Macd {
 public:
  // fast < slow is required (the registry rejects the rest); TA-Lib swaps them, so do we.
  Macd(int fast = 12, int slow = 26, int signal = 9);
  std::optional<MacdPoint> update(Value x);
  void reset();

 private:
  int fast_period_, slow_period_, signal_period_;
  double fast_k_ = 0.0, slow_k_ = 0.0, signal_k_ = 0.0;
  int count_ = 0;  // valid inputs seen
  // Running seed sums until the seeds are complete, then the EMAs themselves.
  double fast_ = 0.0, slow_ = 0.0, signal_ = 0.0;
};

MacdSeries macd(std::span<const Value> x, int fast = 12, int slow = 26, int signal = 9);

}  // namespace alvh
