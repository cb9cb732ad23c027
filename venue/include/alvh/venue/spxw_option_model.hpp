#pragma once
// Model prices for SPXW options when no chain exists (docs/model.md):
// - time: a variance clock in trading time (variance_clock.hpp);
// - at-the-money level: the VIX family known at the decision (VIX1D, VIX9D, VIX, VIX3M), each
//   index times a fitted index-to-at-the-money ratio (they are variance-swap levels, not ATM
//   vols), interpolated linearly in total variance against the variance clock;
// - an asymmetric smile in standardized moneyness z = ln(K/F) / (ATM total std dev):
//   sigma(K) = sigma_atm * (1 + g * (slope * z + curve * z^2)), curve = put_curve below the
//   forward, call_curve above; g = units^term_exponent; optionally scaled by the Cboe SKEW index.
#include <array>
#include <cstddef>
#include <optional>

#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"
#include "alvh/core/option_pricer.hpp"
#include "alvh/venue/variance_clock.hpp"

namespace alvh::venue {

// Which index led the ATM level (reported per day so the output says what the model used).
enum class AtmVolSource { vix1d, vix9d, vix };
const char* atm_vol_source_name(AtmVolSource s);

struct AtmVol {
  double vol = 0;  // the leading index / 100 (annualised, calendar time)
  AtmVolSource source = AtmVolSource::vix;
};

// Defaults (here and in SpxwModelParams): fitted by `alvh calibrate` (config/alvh.yaml).
struct SpxwSmileParams {
  double slope = -0.127;        // per unit of z; negative: puts richer than calls
  double put_curve = 0.01563;   // curvature below the forward (the put wing)
  double call_curve = 0.06309;  // curvature above the forward (the call wing)
  double term_exponent = 0.1112;  // g = units^term_exponent (1 at one weekday)
  double floor = 0.3, cap = 5.0;  // bounds of the smile factor (not fitted)
  bool skew_index_scaling = false;  // scale slope and curves by (SKEW - 100) / (skew_reference - 100)
  double skew_reference = 130.1;    // mean SKEW of the calibration sessions
};

struct SpxwModelParams {
  VarianceClockParams clock;
  // ATM total variance = ratio^2 x index total variance over the index's horizon.
  double ratio_vix1d = 1.046, ratio_vix9d = 0.8272, ratio_vix = 0.8249, ratio_vix3m = 0.8004;
  SpxwSmileParams smile;
  double rate = 0.0;  // continuously compounded (calendar time); the forward uses rate - dividend
  double dividend = 0.0;
  Date vix1d_from = make_date(2023, 4, 24);  // VIX1D launch; earlier values are back-filled
};

// Everything about one (valuation, expiry) pair that does not depend on the strike.
struct SpxwSlice {
  double units = 0;          // variance-clock weekday units to expiry
  double years_var = 0;      // units / 252
  double years_cal = 0;      // ACT/365 to expiry (forward, discounting, reported vols)
  double atm_total_var = 0;  // sigma_atm^2 x years_var
  double smile_scale = 1;    // g(units) x SKEW scaling
  AtmVolSource source = AtmVolSource::vix;
};

// The parameter-free inputs of a slice: clock spans and index levels (the fit computes them once
// per expiry and re-weights them for every trial of the parameters).
struct SpxwSliceInputs {
  struct Anchor {
    AtmVolSource source = AtmVolSource::vix;
    int horizon = 0;       // 0 VIX1D, 1 VIX9D, 2 VIX, 3 VIX3M
    double level = 0;      // index points
    ClockSpan span;        // valuation to the index's horizon
    double cal_years = 0;  // the same horizon, ACT/365
  };
  ClockSpan to_expiry;
  double years_cal = 0;
  std::array<Anchor, 4> anchors{};
  std::size_t anchor_count = 0;
  std::optional<double> skew;  // Cboe SKEW index
};

class SpxwOptionModel {
 public:
  explicit SpxwOptionModel(const OptionPricer& pricer, SpxwModelParams params = {});

  const SpxwModelParams& params() const { return params_; }
  const VarianceClock& clock() const { return clock_; }

  // The leading index of a day: VIX1D (from its launch) else VIX9D else VIX.
  std::optional<AtmVol> atm_vol(const VolIndexRow& row, std::optional<double> vix_close) const;

  // Empty when no index is usable or expiry is not after valuation.
  std::optional<SpxwSliceInputs> slice_inputs(const VolIndexRow& row, std::optional<double> vix_close, Date date,
                                              int minutes, Date expiry, int expiry_minutes) const;
  std::optional<SpxwSlice> slice(const SpxwSliceInputs& in) const;
  std::optional<SpxwSlice> slice(const VolIndexRow& row, std::optional<double> vix_close, Date date, int minutes,
                                 Date expiry, int expiry_minutes) const;

  double forward(double spot, double years_cal) const;
  // Smile factor sigma(K) / sigma_atm.
  double smile_factor(const SpxwSlice& s, double forward, double strike) const;
  // Vol in variance years at `strike` and the same vol restated in ACT/365 years (what quotes show).
  double vol_var(const SpxwSlice& s, double forward, double strike) const;
  double vol_cal(const SpxwSlice& s, double forward, double strike) const;
  // Model price and Greeks; at or after expiry the intrinsic value vs `spot`.
  OptionGreeks price(OptionType type, double spot, double strike, const SpxwSlice& s) const;

 private:
  const OptionPricer* pricer_;
  SpxwModelParams params_;
  VarianceClock clock_;
};

// Cash settlement value in index points (SPXW: vs the official close; VIX: vs the SOQ).
double intrinsic_value(OptionType type, double strike, double settlement);

}  // namespace alvh::venue
