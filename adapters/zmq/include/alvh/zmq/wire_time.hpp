#pragma once
// Wire time: UTC nanoseconds since the Unix epoch. The clock is injected (tests advance a fake one)
// so heartbeat timeouts are checked without sleeping.
#include <chrono>
#include <cstdint>
#include <functional>

namespace alvh::wire {

using WireTime = std::chrono::sys_time<std::chrono::nanoseconds>;
using NowFunction = std::function<WireTime()>;

inline WireTime system_now() {
  return std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now());
}
inline std::int64_t to_wire_ns(WireTime t) { return t.time_since_epoch().count(); }
inline WireTime from_wire_ns(std::int64_t ns) { return WireTime{std::chrono::nanoseconds{ns}}; }

}  // namespace alvh::wire
