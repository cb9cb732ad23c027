#include "alvh/core/instrument.hpp"

#include <charconv>
#include <cmath>

namespace alvh {

std::string symbol(const Instrument& i) {
  // Built with to_chars, not snprintf: this key is made for every position lookup and trade record.
  std::string s;
  s.reserve(i.root.size() + 20);
  s += i.root;
  s += ' ';
  s += to_iso(i.expiry);
  if (i.kind == InstrumentKind::Future) return s;
  char buf[32];
  // Whole strikes print without decimals (5100P), half-point VIX strikes keep them (14.5C); the
  // formats are printf's "%.0f" and "%g".
  const auto r = std::floor(i.strike) == i.strike
                     ? std::to_chars(buf, buf + sizeof buf, i.strike, std::chars_format::fixed, 0)
                     : std::to_chars(buf, buf + sizeof buf, i.strike, std::chars_format::general, 6);
  s += ' ';
  s.append(buf, r.ptr);
  s += i.right == OptionType::Call ? 'C' : 'P';
  return s;
}

}  // namespace alvh
