#pragma once
// Number of 4/4/2 hedge units for each sizing mode (docs/references.md §R6, DEFAULTS #2). Pure functions of
// the layer quotes and the condor exposure, so each mode can be tested in isolation.
#include <array>
#include <optional>
#include <string>

#include "alvh/core/option_pricer.hpp"
#include "alvh/strategies/condor_exposure.hpp"
#include "alvh/strategies/vix_ladder_config.hpp"

namespace alvh::strategies {

// The contract a layer would buy today, priced.
struct LayerQuote {
  double forward = 0;  // same-expiry VX future
  double strike = 0;
  double years = 0;
  double vol = 0;      // Black-76 sigma
  double delta = 0;    // Black-76 call delta
  double vega = 0;     // per contract, points per 1 vol point
  double ask = 0;      // premium per contract, points
};

struct HedgeUnits {
  double units = 0;
  std::string reason;  // the formula with its inputs, for the decision log
};

HedgeUnits hedge_units(const VixLadderConfig& cfg, const std::array<std::optional<LayerQuote>, 3>& layers,
                       const std::optional<CondorExposure>& condor, double equity, const OptionPricer& pricer,
                       double rate,
                       bool explain = true);  // explain: fill `reason` (false: leave it empty)

}  // namespace alvh::strategies
