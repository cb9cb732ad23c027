#pragma once
// Rolling z-score (x - mean) / stddev over the last `period` valid values (current included,
// population stddev). O(1) per bar with running sums of (x - pivot) and (x - pivot)^2, the
// pivot being the first valid value, which keeps cancellation small for price-like series.
// Missing when the window's stddev is zero (relative to its level).
#include <cstddef>
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

class ZScore {
 public:
  explicit ZScore(int period);
  Value update(Value x);
  void reset();

 private:
  int period_;
  std::vector<double> window_;  // ring of (x - pivot)
  std::size_t next_ = 0;
  std::size_t count_ = 0;
  bool has_pivot_ = false;
  double pivot_ = 0.0, sum_ = 0.0, sum_sq_ = 0.0;
};

std::vector<Value> zscore(std::span<const Value> x, int period);

}  // namespace alvh
