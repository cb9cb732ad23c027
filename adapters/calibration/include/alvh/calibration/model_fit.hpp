#pragma once
// Fits the venue's option model to real quotes (docs/model.md):
// - SPXW: variance-clock weights, the four index-to-ATM ratios and the smile, jointly, by
//   minimising a robust vol-point error (pseudo-Huber, 0.5 pt) of out-of-the-money options with
//   |delta| >= 0.01 up to 60 days; each (session, tenor bucket) weighs the same, so the many
//   long-dated expiries of a chain do not outvote its one-day expiry; a weak prior (0.25 +- 0.10,
//   weight 0.01 loss points per width squared) holds the overnight share, which only intraday
//   chains inform;
// - the SKEW-index scaling of the smile is kept only if it lowers the error of a two-fold
//   cross-validation over sessions (smile refitted on one half, measured on the other);
// - VIX options: VVIX ratio, term exponent, smile slopes and their term exponent, same loss,
//   calls of 30-250 days and delta 0.2-0.6 counted twice;
// - quote widths (SPXW and VIX): base, tenor exponent and square-root share of the price by
//   least absolute log error, (session, tenor bucket) weighted alike; max width = the 95th
//   percentile of real widths.
#include <string>
#include <vector>

#include "alvh/calibration/quote_observations.hpp"
#include "alvh/venue/option_model.hpp"

namespace alvh::calibration {

struct FitStage {
  double loss_before = 0, loss_after = 0;  // mean weighted loss (vol points, pseudo-Huber)
  int evaluations = 0;
  std::size_t observations = 0, groups = 0;
};

struct CalibrationResult {
  venue::OptionModelParams params;
  FitStage spxw, vix, spxw_width, vix_width;
  // SKEW test: cross-validated loss of the smile without and with the SKEW scaling.
  double skew_cv_without = 0, skew_cv_with = 0;
  bool skew_kept = false;
  // Half the median real width of the legs a 1-day condor trades (10-delta shorts, their
  // wings): the default slippage per leg the widths imply, rounded up to 0.01.
  double spxw_leg_half_width = 0, vix_call_half_width = 0;
  std::vector<std::string> sessions;  // labels of the sessions fitted
};

// `start` gives the parameters not fitted (rates, floors, expiry times) and the first guess.
CalibrationResult calibrate(const ObservationSet& obs, const venue::OptionModelParams& start);

// Loss of `params` on the SPXW observations of the given sessions (all when empty); used by the
// fit and the tests.
double spxw_loss(const ObservationSet& obs, const venue::SpxwModelParams& params,
                 const std::vector<bool>& session_mask = {});
double vix_loss(const ObservationSet& obs, const venue::VixModelParams& params);

}  // namespace alvh::calibration
