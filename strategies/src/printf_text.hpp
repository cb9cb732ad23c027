#pragma once
// printf-style text for decision messages and reasons (private to the strategies library).
#include <cstdio>
#include <string>

namespace alvh::strategies::detail {

template <class... Args>
std::string fmt(const char* format, Args... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

}  // namespace alvh::strategies::detail
