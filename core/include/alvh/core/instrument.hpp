#pragma once
// Tradable instruments the strategies use: cash-settled index options (SPXW, VIX) and VX futures.
#include <compare>
#include <string>

#include "alvh/core/date.hpp"
#include "alvh/core/option_pricer.hpp"

namespace alvh {

enum class InstrumentKind { Option, Future };

struct Instrument {
  InstrumentKind kind = InstrumentKind::Option;
  std::string root;      // "SPXW", "VIX" (options), "VX" (futures)
  Date expiry{};
  double strike = 0;     // index points; 0 for futures
  OptionType right = OptionType::Call;
  double multiplier = 100;  // $ per point: 100 for SPXW/VIX options, 1000 for VX

  friend bool operator==(const Instrument& a, const Instrument& b) {
    // The cheap fields first: chains are searched with this, and most candidates differ in strike.
    return a.strike == b.strike && a.expiry == b.expiry && a.right == b.right && a.kind == b.kind &&
           a.root == b.root;
  }
};

// Canonical text key, e.g. "SPXW 2024-03-15 5100P", "VX 2024-04-17". Stable: used in logs and state.
std::string symbol(const Instrument& i);

inline Instrument spxw_option(Date expiry, double strike, OptionType right) {
  return {InstrumentKind::Option, "SPXW", expiry, strike, right, 100};
}
inline Instrument vix_option(Date expiry, double strike, OptionType right) {
  return {InstrumentKind::Option, "VIX", expiry, strike, right, 100};
}
inline Instrument vx_future(Date expiry) { return {InstrumentKind::Future, "VX", expiry, 0, OptionType::Call, 1000}; }

}  // namespace alvh
