#pragma once
// One CSV cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a newline, inner
// quotes doubled. Shared by every CSV table the reports write.
#include <string>

namespace alvh::report::detail {

inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace alvh::report::detail
