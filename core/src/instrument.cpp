#include "alvh/core/instrument.hpp"

#include <cmath>
#include <cstdio>

namespace alvh {

std::string symbol(const Instrument& i) {
  std::string s = i.root + " " + to_iso(i.expiry);
  if (i.kind == InstrumentKind::Future) return s;
  char buf[32];
  // Whole strikes print without decimals (5100P), half-point VIX strikes keep them (14.5C).
  if (std::floor(i.strike) == i.strike)
    std::snprintf(buf, sizeof buf, " %.0f", i.strike);
  else
    std::snprintf(buf, sizeof buf, " %g", i.strike);
  return s + buf + (i.right == OptionType::Call ? "C" : "P");
}

}  // namespace alvh
