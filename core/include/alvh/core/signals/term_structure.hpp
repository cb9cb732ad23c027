#pragma once
// VIX term-structure ratios on one day. Any missing or non-positive input gives a missing output.
#include "alvh/core/market_series.hpp"

namespace alvh {

// a / b, e.g. VX1/VX2 (>= 1 = backwardation), VIX/VIX3M, VIX9D/VIX.
Value term_ratio(Value a, Value b);

// far / near - 1, e.g. VX2/VX1 - 1 (> 0 = contango; docs/references.md §R7 #8 "steep" above 0.05).
Value contango(Value near, Value far);

}  // namespace alvh
