#pragma once
// Rate of change in percent, 100 * (x / x[period valid bars ago] - 1) (TA-Lib ROC), missing when
// the old value is 0 (TA-Lib writes 0 there, which would read as "no change").
#include <cstddef>
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

class RateOfChange {
 public:
  explicit RateOfChange(int period);
  Value update(Value x);
  void reset();

 private:
  std::vector<double> window_;  // ring of the last period + 1 valid values (its size is the period)
  std::size_t next_ = 0;
  std::size_t count_ = 0;
};

std::vector<Value> rate_of_change(std::span<const Value> x, int period);

}  // namespace alvh
