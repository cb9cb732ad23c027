#pragma once
// A tiny closed-form Black-Scholes / Black-76 OptionPricer for core tests (core tests link only
// alvh::core; the QuantLib pricer lives in an adapter). Greeks follow the port's conventions.
#include <cmath>

#include "alvh/core/option_pricer.hpp"

namespace alvh::test {

class ClosedFormPricer final : public OptionPricer {
 public:
  static double norm_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
  static double norm_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI); }

  OptionGreeks bsm(const BsmInput& in) const override {
    const double fwd = in.spot * std::exp((in.rate - in.dividend) * in.years);
    OptionGreeks g = black(in.type, fwd, in.strike, in.years, in.rate, in.vol);
    const double carry = std::exp(-in.dividend * in.years);
    g.delta = (in.type == OptionType::Call ? norm_cdf(d1(fwd, in.strike, in.years, in.vol))
                                           : norm_cdf(d1(fwd, in.strike, in.years, in.vol)) - 1.0) *
              carry;
    g.gamma = carry * norm_pdf(d1(fwd, in.strike, in.years, in.vol)) / (in.spot * in.vol * std::sqrt(in.years));
    return g;
  }
  OptionGreeks black76(const Black76Input& in) const override {
    return black(in.type, in.forward, in.strike, in.years, in.rate, in.vol);
  }
  ImpliedVol bsm_implied_vol(const BsmInput&, double) const override { return {std::nullopt, "not needed"}; }
  ImpliedVol black76_implied_vol(const Black76Input&, double) const override { return {std::nullopt, "not needed"}; }

  static double d1(double f, double k, double t, double v) { return (std::log(f / k) + 0.5 * v * v * t) / (v * std::sqrt(t)); }

  // Black on a forward; delta per unit of forward, vega per vol point, theta per calendar day
  // (approximated by the bump of one day, which is what the port promises).
  static OptionGreeks black(OptionType type, double f, double k, double t, double r, double v) {
    OptionGreeks g;
    g.price = value(type, f, k, t, r, v);
    const double a = d1(f, k, t, v);
    const double df = std::exp(-r * t);
    g.delta = df * (type == OptionType::Call ? norm_cdf(a) : norm_cdf(a) - 1.0);
    g.gamma = df * norm_pdf(a) / (f * v * std::sqrt(t));
    g.vega = df * f * norm_pdf(a) * std::sqrt(t) * 0.01;
    const double t1 = t - 1.0 / 365.0;
    g.theta = (t1 > 0 ? value(type, f, k, t1, r, v) : intrinsic(type, f, k)) - g.price;
    return g;
  }
  static double intrinsic(OptionType type, double f, double k) {
    return type == OptionType::Call ? std::max(f - k, 0.0) : std::max(k - f, 0.0);
  }
  static double value(OptionType type, double f, double k, double t, double r, double v) {
    const double a = d1(f, k, t, v), b = a - v * std::sqrt(t);
    const double df = std::exp(-r * t);
    return type == OptionType::Call ? df * (f * norm_cdf(a) - k * norm_cdf(b))
                                    : df * (k * norm_cdf(-b) - f * norm_cdf(-a));
  }
};

}  // namespace alvh::test
