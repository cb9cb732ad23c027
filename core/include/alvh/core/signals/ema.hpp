#pragma once
// Exponential moving average exactly as TA-Lib EMA (default compatibility): seed = sum of the
// first `period` valid inputs from 0.0 in input order / period; then ema = (x - ema) * k + ema,
// k = 2 / (period + 1). First output on the period-th valid input. Missing inputs are skipped
// (output missing that day, state unchanged), so a seed never contains a made-up value.
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

class Ema {
 public:
  explicit Ema(int period);
  Value update(Value x);
  void reset();
  bool ready() const { return count_ >= period_; }
  int period() const { return period_; }

 private:
  int period_;
  double k_;
  int count_ = 0;
  double value_ = 0.0;  // running seed sum until ready, then the EMA
};

std::vector<Value> ema(std::span<const Value> x, int period);

}  // namespace alvh
