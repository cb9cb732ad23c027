#pragma once
// How far the model's prices are from real quotes (`alvh validate-model`): per session, tenor
// bucket and delta bucket, model mid vs real mid (mean error and median absolute error in $ per
// contract, % and vol points); and the condor the strategy would sell that session, chosen by its
// own delta rule on the real chain and on the model chain, credit vs credit. The SPXW model is
// priced as the replay prices it (OptionModel::quote) with the parity forward as the index level
// and the index values of the session's index_date; VIX options on the parity forward (the replay
// uses the same-expiry VX future). The same figures for the model before calibration
// (baseline_model.hpp) sit next to them, so every run records before and after.
#include <optional>
#include <string>
#include <vector>

#include "alvh/calibration/quote_observations.hpp"
#include "alvh/strategies/iron_condor_config.hpp"
#include "alvh/venue/option_model.hpp"

namespace alvh::calibration {

struct ErrorRow {
  std::string tenor, delta;  // bucket names
  std::size_t n = 0;
  double mean_error_usd = 0;  // model - real, $ per contract
  double median_abs_usd = 0, median_abs_pct = 0, median_abs_vol_pts = 0;
};

struct CondorLegs {
  std::optional<std::array<double, 4>> strikes;  // short put, long put, short call, long call
  double credit = 0;                             // net credit at mids, points
  std::string reason;                            // why none
};

struct CondorComparison {
  Date expiry{};
  TenorBucket tenor = TenorBucket::one_weekday;
  CondorLegs real, model;
  std::optional<double> model_credit_same_strikes;  // the model's mids at the real condor's strikes
  std::optional<double> error_pct;                  // (model - real) / real x 100, each chain's own condor
  std::optional<double> error_pct_same_strikes;
};

struct SessionValidation {
  std::string label, file, layout, underlying, index_date;
  std::vector<ErrorRow> rows;
  std::optional<CondorComparison> condor;
};

struct ValidationSummary {
  std::optional<double> condor_1dte_weekday_median_abs_pct, condor_span_weekend_median_abs_pct,
      spxw_leg_vol_median_abs_pts, vix_call_30_250_median_abs_pct;
  std::size_t condor_1dte_weekday_sessions = 0, condor_span_weekend_sessions = 0, spxw_legs = 0, vix_calls = 0;
};

// The goals; a goal without data is neither met nor failed (null).
struct Goals {
  double condor_1dte_weekday_pct = 10, condor_span_weekend_pct = 15, spxw_leg_vol_pts = 1.5, vix_call_pct = 10;
};

struct ValidationResult {
  ValidationSummary summary, baseline;  // this model; the model before calibration
  std::vector<SessionValidation> sessions;
  std::vector<std::string> notes;
  Goals goals;
  // Each goal: met (true), missed (false), no data (nullopt).
  std::optional<bool> condor_1dte_goal() const;
  std::optional<bool> condor_span_goal() const;
  std::optional<bool> leg_vol_goal() const;
  std::optional<bool> vix_call_goal() const;
};

ValidationResult validate_model(const ObservationSet& obs, const venue::OptionModelParams& params,
                                const strategies::IronCondorConfig& condor, const OptionPricer& pricer);

}  // namespace alvh::calibration
