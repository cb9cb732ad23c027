#include "alvh/quantlib/quantlib_pricer.hpp"

#include <ql/errors.hpp>
#include <ql/option.hpp>
#include <ql/pricingengines/blackcalculator.hpp>
#include <ql/pricingengines/blackformula.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace alvh {
namespace {

constexpr double kDaysPerYear = 365.0;  // theta is quoted per calendar day
constexpr double kVolPoint = 0.01;      // vega is quoted per 1 vol point

QuantLib::Option::Type ql_type(OptionType t) {
  return t == OptionType::Call ? QuantLib::Option::Call : QuantLib::Option::Put;
}

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("QuantLibPricer: ") + what);
}

// Shared Black kernel. `spot` is the underlying the delta/gamma refer to: the spot for BSM, the
// forward itself for Black-76 (then forward == spot and QuantLib's spot greeks are the forward
// greeks, and its theta reduces to the futures-option theta rV - sigma^2 F^2 Gamma / 2).
OptionGreeks black_greeks(OptionType type, double spot, double forward, double strike,
                          double years, double discount, double vol) {
  const double std_dev = vol * std::sqrt(years);
  OptionGreeks g;
  if (std_dev <= DBL_EPSILON) {
    // Zero variance: deterministic payoff. QuantLib's calculator divides by stdDev in the greeks,
    // so this case is handled here.
    const double w = type == OptionType::Call ? 1.0 : -1.0;
    const bool itm = w * (forward - strike) > 0.0;
    g.price = discount * std::max(w * (forward - strike), 0.0);
    g.delta = itm ? w * discount * forward / spot : 0.0;
    if (years > 0.0) {
      // Same identity QuantLib uses for theta, with the gamma term vanishing.
      g.theta = -(std::log(discount) * g.price + std::log(forward / spot) * spot * g.delta) /
                years / kDaysPerYear;
    }
    return g;
  }
  const QuantLib::BlackCalculator calc(ql_type(type), strike, forward, std_dev, discount);
  g.price = calc.value();
  g.delta = calc.delta(spot);
  g.gamma = calc.gamma(spot);
  g.vega = calc.vega(years) * kVolPoint;              // QuantLib: per 1.00 of vol
  g.theta = calc.theta(spot, years) / kDaysPerYear;  // QuantLib: per year
  return g;
}

void validate_common(double strike, double years, double rate, double vol) {
  require(std::isfinite(strike) && strike > 0.0, "strike must be positive and finite");
  require(std::isfinite(years) && years >= 0.0, "years must be non-negative and finite");
  require(std::isfinite(rate), "rate must be finite");
  require(std::isfinite(vol) && vol >= 0.0, "vol must be non-negative and finite");
}

ImpliedVol fail(std::string reason) { return ImpliedVol{std::nullopt, std::move(reason)}; }

// Undiscounted Black price of the out-of-the-money option at standard deviation s, or a negative
// value when QuantLib rejects it (its cancellation check can fire far in the tails).
double otm_price(QuantLib::Option::Type type, double strike, double forward, double s) {
  try {
    return QuantLib::blackFormula(type, strike, forward, s);
  } catch (const QuantLib::Error&) {
    return -1.0;
  }
}

// Solves Black(s) = target for the standard deviation s = vol * sqrt(T) of the OTM option.
// Halley iterations on log(price): log(price) is increasing and concave in s for OTM options,
// which keeps steps well behaved even for tiny (deep OTM, 1DTE) prices where Newton on the price
// itself crawls. A bracket [lo, hi] guards every step; QuantLib's Radoicic-Stefanica closed form
// gives the start, usually within a few percent, so two iterations usually suffice.
std::optional<double> solve_std_dev(QuantLib::Option::Type type, double strike, double forward,
                                    double target) {
  const double x = std::log(forward / strike);
  const double log_target = std::log(target);
  double s = 0.0;
  try {
    s = QuantLib::blackFormulaImpliedStdDevApproximationRS(type, strike, forward, target);
  } catch (const QuantLib::Error&) {
    s = 0.0;
  }
  if (!std::isfinite(s) || s <= 0.0) s = std::max(std::sqrt(2.0 * std::fabs(x)), 0.1);

  double lo = 0.0;
  double hi = std::numeric_limits<double>::infinity();
  double best_s = s;
  double best_f = std::numeric_limits<double>::infinity();
  for (int iter = 0; iter < 100; ++iter) {
    const double b = otm_price(type, strike, forward, s);
    if (!(b > 0.0)) {
      // Price underflowed: the root lies above s.
      lo = s;
      s = std::isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * s;
      continue;
    }
    const double f = std::log(b) - log_target;
    if (std::fabs(f) < std::fabs(best_f)) {
      best_f = f;
      best_s = s;
    }
    if (f == 0.0) return s;
    (f < 0.0 ? lo : hi) = s;

    const double vega = QuantLib::blackFormulaStdDevDerivative(strike, forward, s);
    double next = std::numeric_limits<double>::quiet_NaN();
    if (vega > 0.0 && std::isfinite(vega)) {
      const double g1 = vega / b;                          // d log B / ds
      const double d1 = x / s + 0.5 * s;
      const double g2 = g1 * (d1 * (d1 - s) / s) - g1 * g1;  // d2 log B / ds2
      const double newton = f / g1;
      const double denom = 1.0 - 0.5 * newton * g2 / g1;
      next = s - (denom > 0.5 && std::isfinite(denom) ? newton / denom : newton);
    }
    const bool halley_ok = next > lo && next < hi;
    // Halley's error shrinks roughly as 0.3 |f|^3 here, so from |f| < 1e-5 (price off by 1e-5
    // relative) the step lands at double precision and needs no confirming evaluation.
    if (halley_ok && std::fabs(f) <= 1e-5) return next;
    if (!halley_ok) next = std::isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * s;
    const double step = next - s;
    s = next;
    if (std::fabs(step) <= 1e-13 * s) return s;
    if (std::isfinite(hi) && hi - lo <= 1e-15 * hi) return s;
  }
  // Rounding noise in the tails can keep the last digits moving; accept a tight residual.
  if (std::fabs(best_f) <= 1e-9) return best_s;
  return std::nullopt;
}

// Black-76 implied vol from a discounted price; BSM is mapped onto it via the forward.
ImpliedVol black_implied_vol(OptionType type, double forward, double strike, double years,
                             double discount, double price) {
  if (!std::isfinite(price)) return fail("price is not finite");
  if (price < 0.0) return fail("price is negative");
  if (price == 0.0) return fail("price is zero: no volatility gives a zero price");

  const double p = price / discount;  // undiscounted, comparable with forward and strike
  const bool call = type == OptionType::Call;
  const double intrinsic = std::max(call ? forward - strike : strike - forward, 0.0);
  const double upper = call ? forward : strike;
  const double noise = 16.0 * DBL_EPSILON * std::max(forward, strike);
  if (p < intrinsic - noise) return fail("price is below the intrinsic value");
  if (intrinsic > 0.0 && p - intrinsic <= noise)
    return fail("price equals the intrinsic value: no time value to imply a volatility from");
  if (p >= upper * (1.0 - 4.0 * DBL_EPSILON))
    return fail(call ? "price is at or above the upper bound (discounted forward)"
                     : "price is at or above the upper bound (discounted strike)");

  // Put-call parity turns an in-the-money price into the out-of-the-money time value, which is
  // where the solve is well conditioned.
  const double time_value = p - intrinsic;
  QuantLib::Option::Type otm = ql_type(type);
  if (intrinsic > 0.0) otm = call ? QuantLib::Option::Put : QuantLib::Option::Call;

  const std::optional<double> s = solve_std_dev(otm, strike, forward, time_value);
  if (!s) return fail("implied volatility did not converge");
  const double vol = *s / std::sqrt(years);
  if (!std::isfinite(vol) || vol <= 0.0) return fail("implied volatility is not finite");
  return ImpliedVol{vol, {}};
}

std::string check_iv_inputs(double underlying, const char* name, double strike, double years,
                            double rate) {
  if (!std::isfinite(underlying) || underlying <= 0.0)
    return std::string(name) + " must be positive and finite";
  if (!std::isfinite(strike) || strike <= 0.0) return "strike must be positive and finite";
  if (!std::isfinite(years) || years <= 0.0)
    return "time to expiry must be positive: at expiry the option has no volatility";
  if (!std::isfinite(rate)) return "rate must be finite";
  return {};
}

}  // namespace

OptionGreeks QuantLibPricer::bsm(const BsmInput& in) const {
  require(std::isfinite(in.spot) && in.spot > 0.0, "spot must be positive and finite");
  require(std::isfinite(in.dividend), "dividend yield must be finite");
  validate_common(in.strike, in.years, in.rate, in.vol);
  const double forward = in.spot * std::exp((in.rate - in.dividend) * in.years);
  const double discount = std::exp(-in.rate * in.years);
  return black_greeks(in.type, in.spot, forward, in.strike, in.years, discount, in.vol);
}

OptionGreeks QuantLibPricer::black76(const Black76Input& in) const {
  require(std::isfinite(in.forward) && in.forward > 0.0, "forward must be positive and finite");
  validate_common(in.strike, in.years, in.rate, in.vol);
  const double discount = std::exp(-in.rate * in.years);
  return black_greeks(in.type, in.forward, in.forward, in.strike, in.years, discount, in.vol);
}

ImpliedVol QuantLibPricer::bsm_implied_vol(const BsmInput& in, double price) const {
  if (std::string e = check_iv_inputs(in.spot, "spot", in.strike, in.years, in.rate); !e.empty())
    return fail(std::move(e));
  if (!std::isfinite(in.dividend)) return fail("dividend yield must be finite");
  const double forward = in.spot * std::exp((in.rate - in.dividend) * in.years);
  const double discount = std::exp(-in.rate * in.years);
  if (!std::isfinite(forward) || forward <= 0.0 || !(discount > 0.0) || !std::isfinite(discount))
    return fail("rates and time give a degenerate forward or discount factor");
  try {
    return black_implied_vol(in.type, forward, in.strike, in.years, discount, price);
  } catch (const std::exception& e) {
    return fail(std::string("implied volatility failed: ") + e.what());
  }
}

ImpliedVol QuantLibPricer::black76_implied_vol(const Black76Input& in, double price) const {
  if (std::string e = check_iv_inputs(in.forward, "forward", in.strike, in.years, in.rate);
      !e.empty())
    return fail(std::move(e));
  const double discount = std::exp(-in.rate * in.years);
  if (!(discount > 0.0) || !std::isfinite(discount))
    return fail("rate and time give a degenerate discount factor");
  try {
    return black_implied_vol(in.type, in.forward, in.strike, in.years, discount, price);
  } catch (const std::exception& e) {
    return fail(std::string("implied volatility failed: ") + e.what());
  }
}

}  // namespace alvh
