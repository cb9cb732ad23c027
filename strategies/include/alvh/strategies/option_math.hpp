#pragma once
// Small pricing helpers shared by the strategies: year fractions to an expiry, strike grids,
// implied vol / delta of a quote through the OptionPricer port.
#include <optional>

#include "alvh/core/clock.hpp"
#include "alvh/core/market_events.hpp"
#include "alvh/core/option_pricer.hpp"

namespace alvh::strategies {

// ACT/365 with minute precision from `now` (New York) to `expiry` at `expiry_minutes` local.
double years_to(ExchangeTime now, Date expiry, int expiry_minutes);

double round_down_to(double x, double step);
double round_up_to(double x, double step);
double round_nearest_to(double x, double step);

// Volatility of a quote: its own iv, else implied from the mid; nullopt when neither exists.
std::optional<double> quote_vol_bsm(const Quote& q, double spot, double years, double rate, const OptionPricer& p);
std::optional<double> quote_vol_black76(const Quote& q, double forward, double years, double rate, const OptionPricer& p);

}  // namespace alvh::strategies
