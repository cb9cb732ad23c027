#pragma once
// Port for European option pricing. Core and strategies depend on this interface only; the
// QuantLib-backed implementation lives in adapters/quantlib.
#include <optional>
#include <string>

namespace alvh {

enum class OptionType { Call, Put };

// Greeks conventions: vega per 1 volatility point (0.01), theta per calendar day (value change
// when one day passes), delta/gamma per unit of the underlying (spot for BSM, forward for Black-76).
struct OptionGreeks {
  double price = 0, delta = 0, gamma = 0, vega = 0, theta = 0;
};

struct BsmInput {
  OptionType type = OptionType::Call;
  double spot = 0, strike = 0, years = 0, rate = 0, dividend = 0, vol = 0;
};

struct Black76Input {
  OptionType type = OptionType::Call;
  double forward = 0, strike = 0, years = 0, rate = 0, vol = 0;
};

// Either a volatility or the reason why none exists (price outside no-arbitrage bounds, ...).
struct ImpliedVol {
  std::optional<double> vol;
  std::string error;
  explicit operator bool() const { return vol.has_value(); }
};

class OptionPricer {
 public:
  virtual ~OptionPricer() = default;
  virtual OptionGreeks bsm(const BsmInput& in) const = 0;
  virtual OptionGreeks black76(const Black76Input& in) const = 0;
  // in.vol is ignored; never throws, never returns NaN.
  virtual ImpliedVol bsm_implied_vol(const BsmInput& in, double price) const = 0;
  virtual ImpliedVol black76_implied_vol(const Black76Input& in, double price) const = 0;
};

}  // namespace alvh
