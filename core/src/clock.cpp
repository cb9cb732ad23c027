#include "alvh/core/clock.hpp"

#include <cstdio>

namespace alvh {

std::string to_string(ExchangeTime t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (t.minutes / 60) % 100, t.minutes % 60);
  return to_iso(t.date) + " " + buf;
}

}  // namespace alvh
