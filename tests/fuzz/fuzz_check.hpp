#pragma once
// Property checks inside fuzz targets. A failed check throws, which libFuzzer reports as a crash
// (uncaught exception -> abort) and the gcc replay test reports as a failed test with the message.
#include <stdexcept>
#include <string>

namespace alvh::fuzz {

struct PropertyViolation : std::logic_error {
  using std::logic_error::logic_error;
};

inline void check(bool ok, const std::string& what) {
  if (!ok) throw PropertyViolation("fuzz property violated: " + what);
}

}  // namespace alvh::fuzz
