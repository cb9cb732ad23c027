#pragma once
// Exchange time as strategies see it. Time zones are resolved by the host (adapters/time uses the
// IANA database), so core only deals with a UTC instant plus the New York wall-clock reading.
#include <chrono>
#include <compare>
#include <string>

#include "alvh/core/date.hpp"

namespace alvh {

using Timestamp = std::chrono::sys_seconds;  // UTC instant, second resolution

// A New York local date and minutes after local midnight (945 = 15:45). Ordered, so hosts can
// keep timers in a priority queue and strategies can compare against cut-offs.
struct ExchangeTime {
  Date date{};
  int minutes = 0;
  friend auto operator<=>(const ExchangeTime&, const ExchangeTime&) = default;
};

inline constexpr int hhmm(int hours, int minutes) { return hours * 60 + minutes; }
std::string to_string(ExchangeTime t);  // "2024-03-15 15:45"

// Port: the current time. Fakes in tests and the replay host set it explicitly; live hosts read
// the system clock. Both readings must describe the same instant.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now_utc() const = 0;
  virtual ExchangeTime now_local() const = 0;  // New York
};

}  // namespace alvh
