#pragma once
// Model prices for SPXW options when no chain exists: Black-Scholes with an ATM vol taken from
// the CBOE index closest to the option's horizon and a linear skew in standardized moneyness.
// Assumptions, calibration and limits: docs/model.md.
#include <optional>

#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"
#include "alvh/core/option_pricer.hpp"

namespace alvh::venue {

// Which index supplied the ATM vol (reported per day so the output says what the model used).
enum class AtmVolSource { vix1d, vix9d, vix };
const char* atm_vol_source_name(AtmVolSource s);

struct AtmVol {
  double vol = 0;  // annualised, 0.15 = 15%
  AtmVolSource source = AtmVolSource::vix;
};

struct SpxwModelParams {
  double skew_slope = 0.10;  // sigma(K) = sigma_atm * clamp(1 - slope * z, floor, cap)
  double skew_floor = 0.5;
  double skew_cap = 3.0;
  double rate = 0.0;      // continuously compounded; the forward uses rate - dividend
  double dividend = 0.0;
  Date vix1d_from = make_date(2023, 4, 24);  // VIX1D launch; earlier values are back-filled
};

class SpxwOptionModel {
 public:
  explicit SpxwOptionModel(const OptionPricer& pricer, SpxwModelParams params = {});

  const SpxwModelParams& params() const { return params_; }

  // VIX1D (from its launch) else VIX9D else VIX, whichever exists on `row.date`.
  std::optional<AtmVol> atm_vol(const VolIndexRow& row, std::optional<double> vix_close) const;

  double forward(double spot, double years) const;
  // Skewed vol at `strike`; z = ln(K/F) / (sigma_atm * sqrt(T)).
  double vol_at(double atm_vol, double forward, double strike, double years) const;
  // Model price and Greeks; at or after expiry (years <= 0) the intrinsic value vs `spot`.
  OptionGreeks price(OptionType type, double spot, double strike, double years, double atm_vol) const;

 private:
  const OptionPricer* pricer_;
  SpxwModelParams params_;
};

// Cash settlement value in index points (SPXW: vs the official close; VIX: vs the SOQ).
double intrinsic_value(OptionType type, double strike, double settlement);

}  // namespace alvh::venue
