#include "alvh/strategies/option_math.hpp"

#include <cmath>

namespace alvh::strategies {

double years_to(ExchangeTime now, Date expiry, int expiry_minutes) {
  const double minutes = days_between(now.date, expiry) * 1440.0 + expiry_minutes - now.minutes;
  return std::max(minutes, 1.0) / (365.0 * 1440.0);
}

// The epsilon absorbs binary floating error (e.g. 0.7499999 rounds to 0.75, not 0.70).
double round_down_to(double x, double step) { return std::floor(x / step + 1e-9) * step; }
double round_up_to(double x, double step) { return std::ceil(x / step - 1e-9) * step; }
double round_nearest_to(double x, double step) { return std::round(x / step) * step; }

std::optional<double> quote_vol_bsm(const Quote& q, double spot, double years, double rate, const OptionPricer& p) {
  if (q.iv && *q.iv > 0) return q.iv;
  if (!(q.bid > 0 && q.ask >= q.bid)) return std::nullopt;
  BsmInput in{q.instrument.right, spot, q.instrument.strike, years, rate, 0.0, 0.0};
  return p.bsm_implied_vol(in, q.mid()).vol;
}

std::optional<double> quote_vol_black76(const Quote& q, double forward, double years, double rate, const OptionPricer& p) {
  if (q.iv && *q.iv > 0) return q.iv;
  if (!(q.bid > 0 && q.ask >= q.bid)) return std::nullopt;
  Black76Input in{q.instrument.right, forward, q.instrument.strike, years, rate, 0.0};
  return p.black76_implied_vol(in, q.mid()).vol;
}

}  // namespace alvh::strategies
