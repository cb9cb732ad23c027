#pragma once
// Batch indicators run TA-Lib's array algorithms on the valid observations only and scatter the
// results back: the batch twin of "a streaming indicator skips missing inputs".
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh::detail {

inline bool is_valid(const Value& x) { return x.has_value() && std::isfinite(*x); }

struct ValidSubsequence {
  std::vector<double> values;
  std::vector<std::size_t> index;  // position of values[i] in the original series
};

inline ValidSubsequence valid_subsequence(std::span<const Value> x) {
  ValidSubsequence v;
  v.values.reserve(x.size());
  v.index.reserve(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (is_valid(x[i])) {
      v.values.push_back(*x[i]);
      v.index.push_back(i);
    }
  }
  return v;
}

}  // namespace alvh::detail
