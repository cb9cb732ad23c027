#pragma once
// Rolling percentile rank of the newest value among the last `period` valid values (itself
// included), 0..100: 100 * (below + (equal - 1) / 2) / (period - 1), ties counted half.
// Streaming keeps the window sorted: O(log period) search plus one memmove per bar (an exact
// rank cannot be O(1)); the default signal set does not use it.
#include <cstddef>
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

class PercentRank {
 public:
  explicit PercentRank(int period);
  Value update(Value x);
  void reset();

 private:
  int period_;
  std::vector<double> window_;  // arrival order (ring)
  std::vector<double> sorted_;
  std::size_t next_ = 0;
};

// The rank formula shared by both forms.
double percent_rank_of(std::size_t below, std::size_t equal, int period);

std::vector<Value> percent_rank(std::span<const Value> x, int period);

}  // namespace alvh
