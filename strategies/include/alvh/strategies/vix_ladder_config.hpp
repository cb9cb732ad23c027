#pragma once
// Parameters of the ALVH ladder of long VIX calls (docs/references.md §R3, §R4, §R7 #1-#10).
#include <array>
#include <limits>
#include <string>
#include <vector>

#include "alvh/strategies/hedge_sizing_mode.hpp"

namespace alvh::strategies {

struct LadderLayerConfig {
  std::string name;
  int target_dte = 30;           // calendar days; listed monthly expiry nearest this (ties -> longer)
  int roll_floor_dte = 14;       // roll when days to expiry <= this
  double contracts_per_unit = 4; // contracts per hedge unit (4/4/2)
  double target_delta = 0.40;    // Black-76 call delta vs same-expiry VX future
  double beta = 0.50;            // VX future points per spot VIX point (stress sizing, §4.4)
};

// VXTH premium tiers: monthly spend = equity x fraction when forward VIX <= forward_at_most.
struct PremiumTier {
  double forward_at_most = std::numeric_limits<double>::infinity();  // VX points
  double monthly_fraction = 0;                                        // of equity
};

struct VixLadderConfig {
  std::string name = "vix_ladder";
  std::string root = "VIX";

  std::array<LadderLayerConfig, 3> layers = {{
      {"front", 30, 14, 4, 0.40, 0.50},
      {"mid", 110, 60, 4, 0.35, 0.22},
      {"back", 220, 150, 2, 0.30, 0.12},
  }};

  // Daily review time, New York minutes after midnight (after the condor entry at 15:45).
  int review_minutes = 15 * 60 + 50;

  HedgeSizingMode sizing_mode = HedgeSizingMode::VegaRatio;
  // VegaRatio: hedge vega / condor vega, each $ per 1 point of its own implied vol ("notional
  // vega", practitioners' 1:4-1:6); 0.20 = 1:5, allowed 1:8 .. 1:3.
  double vega_ratio = 0.20;
  // Fractional contracts (the study): orders in 1/100 contracts (instrument multiplier 1) so the
  // ladder holds exactly units x 4/4/2. Off: whole contracts, at least min_contracts_per_layer per
  // active layer; the realized ratio is logged. Hosts trading real contracts switch it off.
  bool fractional = false;
  double fixed_units_per_condor = 1.0;  // FixedUnits
  double vix_point_ratio = 0.20;        // VixPointRatio: 1:5
  double condor_iv_beta = 1.5;          // 1DTE SPX IV points per VIX point (assumption, DEFAULTS #2)
  std::vector<PremiumTier> premium_tiers = {{15, 0.0}, {30, 0.010}, {50, 0.005},
                                            {std::numeric_limits<double>::infinity(), 0.0}};
  double gap_cover_fraction = 0.50;     // GapCover: share of condor max loss to recover
  double gap_shock_points = 10.0;       // GapCover: spot VIX shock, points
  double gap_vol_bump = 1.25;           // sigma_v multiplier under the shock
  int min_contracts_per_layer = 1;      // live rounding: an active layer holds >= this

  // VIX option implied vol when the chain has no IV: sigma = clamp(VVIX/100 (30/DTE)^0.35, lo, hi).
  double vol_floor = 0.30, vol_cap = 2.50, default_vvix = 90.0;
  double vol_term_exponent = 0.35;

  // Strike grid: 0.50 below strike_grid_switch, 1.00 at and above.
  double strike_grid_switch = 15.0;

  // Exit policy: Hold keeps the base ladder; Monetize closes whole layers (the rules below).
  LadderExitPolicy exit_policy = LadderExitPolicy::Hold;

  // Monetize / purchase gates. Under Hold, the two monetize triggers sell only the contracts above
  // the base 4/4/2 target (the turbulence top-up), never the base.
  double monetize_multiple = 3.0;     // close a layer when value >= multiple x cost
  double monetize_vix = 35.0;         // ... or spot VIX >= this
  double max_front_future_for_buys = 50.0;   // no new purchases above (VXTH)
  double establish_vix_below = 20.0;  // first establishment only when spot VIX < this
  double reestablish_vix_below = 25.0;  // after a monetization: VIX < this and contango
  double reestablish_scale = 0.5;     // re-established layer size vs target
  std::string term_ratio_signal = "term_ratio";  // signal column: VX1/VX2 (>= 1 backwardation)

  // Order prices and quote sanity.
  double price_tick = 0.05;
  int max_quote_age_seconds = 120;
  double max_relative_spread = 2.0;  // (ask - bid) / mid; cheap wings quote 0.05/0.15 = 100%
};

std::vector<std::string> validate(const VixLadderConfig& c);

}  // namespace alvh::strategies
