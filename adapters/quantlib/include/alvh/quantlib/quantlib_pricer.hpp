#pragma once
// OptionPricer backed by QuantLib's closed-form Black calculator (no instruments, engines, term
// structures or global evaluation date). QuantLib stays out of this header so that consumers link
// alvh::quantlib only.
#include "alvh/core/option_pricer.hpp"

namespace alvh {

// Greeks follow the port: vega per 1 vol point, theta per calendar day (1/365 year),
// delta/gamma w.r.t. spot (bsm) or forward (black76).
//
// bsm()/black76() throw std::invalid_argument for non-finite inputs, spot/forward/strike <= 0,
// years < 0 or vol < 0. years == 0 or vol == 0 give the discounted intrinsic value.
//
// The implied-vol functions never throw and never return NaN: on bad input, or when the price
// lies outside the no-arbitrage band (intrinsic, upper bound) so that no volatility reproduces
// it, they return ImpliedVol{nullopt, reason}.
class QuantLibPricer final : public OptionPricer {
 public:
  QuantLibPricer() = default;

  OptionGreeks bsm(const BsmInput& in) const override;
  OptionGreeks black76(const Black76Input& in) const override;
  ImpliedVol bsm_implied_vol(const BsmInput& in, double price) const override;
  ImpliedVol black76_implied_vol(const Black76Input& in, double price) const override;
};

}  // namespace alvh
