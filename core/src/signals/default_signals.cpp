#include "alvh/core/signals/default_signals.hpp"

namespace alvh {

std::vector<SignalSpec> default_signal_specs() {
  return {
      {"macd_vix", "macd", "VIX", {{"fast", 12}, {"slow", 26}, {"signal", 9}}},
      {"rsi_vix", "rsi", "VIX", {{"period", 14}}},
      {"rsi_spx", "rsi", "SPX", {{"period", 14}}},
      {"adl", "adl", "NYSE", {{"ema", 39}, {"fast", 19}, {"slow", 39}}},
      {"term_ratio", "ratio", "VX1/VX2", {}},
  };
}

}  // namespace alvh
