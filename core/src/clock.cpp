#include "alvh/core/clock.hpp"

#include <cstdio>

namespace alvh {

std::string to_string(ExchangeTime t) {
  // "%02d:%02d" by hand: every decision line starts with this stamp.
  const int h = (t.minutes / 60) % 100, m = t.minutes % 60;
  if (h < 0 || m < 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
    return to_iso(t.date) + " " + buf;
  }
  std::string s = to_iso(t.date);
  const char hm[] = {' ', static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                     static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
  s.append(hm, sizeof hm);
  return s;
}

}  // namespace alvh
