#pragma once
// The option model as it was before calibration to real quotes (kept only to measure against):
// SPXW Black-Scholes in ACT/365 calendar time with the ATM vol = VIX1D (from 2023-04-24) else
// VIX9D else VIX and sigma(K) = sigma_atm x clamp(1 - 0.10 z, 0.5, 3), z = ln(K/F) /
// (sigma_atm sqrt(T)); VIX options Black-76 with VVIX/100 x (30/DTE)^0.35 (clamped 0.30-2.50)
// and a smile 1 + 0.35 ln(K/F) above F, 1 + 0.10 ln(K/F) below.
#include <optional>

#include "alvh/core/market_series.hpp"
#include "alvh/core/option_pricer.hpp"

namespace alvh::calibration {

struct BaselineQuote {
  double price = 0, vol = 0;  // vol in ACT/365 years
};

std::optional<BaselineQuote> baseline_spxw_quote(const OptionPricer& pricer, const VolIndexRow& indices,
                                          std::optional<double> vix_close, OptionType right, double forward,
                                          double strike, double years_cal);
std::optional<BaselineQuote> baseline_vix_quote(const OptionPricer& pricer, std::optional<double> vvix, OptionType right,
                                         double forward, double strike, double years_cal);

}  // namespace alvh::calibration
