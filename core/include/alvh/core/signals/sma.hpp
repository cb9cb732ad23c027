#pragma once
// Simple moving average, TA-Lib SMA arithmetic (running total: add, divide, subtract trailing).
// Missing inputs are skipped: the average runs over the valid observations only, and the
// output is missing on a day whose input is missing.
#include <cstddef>
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

class Sma {
 public:
  explicit Sma(int period);
  Value update(Value x);
  void reset();
  int period() const { return period_; }

 private:
  int period_;
  std::vector<double> window_;  // ring of the last `period` valid values
  std::size_t head_ = 0;        // oldest value in the ring
  std::size_t count_ = 0;
  double total_ = 0.0;
};

std::vector<Value> sma(std::span<const Value> x, int period);

}  // namespace alvh
