#pragma once
// The signal set the default configuration uses (docs/references.md §R7 #7, #8): macd_vix, rsi_vix, rsi_spx,
// adl (NYSE) and term_ratio (VX1/VX2). Here so tests and benchmarks share one definition.
#include <vector>

#include "alvh/core/signal_spec.hpp"

namespace alvh {

std::vector<SignalSpec> default_signal_specs();

}  // namespace alvh
