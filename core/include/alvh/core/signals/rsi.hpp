#pragma once
// RSI exactly as TA-Lib TA_RSI (classic, no unstable period): average gain/loss over the first
// `period` changes, then Wilder smoothing avg = (avg * (n-1) + current) / n in that operation
// order; RSI = 100 * gain / (gain + loss), 0.0 when gain + loss is zero (|.| < 1e-8, TA_IS_ZERO).
// First output on valid input number period + 1 (index 14). Missing inputs are skipped.
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

class Rsi {
 public:
  explicit Rsi(int period = 14);
  Value update(Value x);
  void reset();

 private:
  int period_;
  int count_ = 0;  // valid inputs seen
  double prev_value_ = 0.0, gain_ = 0.0, loss_ = 0.0;
};

std::vector<Value> rsi(std::span<const Value> x, int period = 14);

}  // namespace alvh
