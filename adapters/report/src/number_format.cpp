#include "alvh/report/number_format.hpp"

#include <charconv>
#include <cmath>

namespace alvh::report {

double round_to(double x, int decimals) {
  if (!std::isfinite(x)) return x;
  const double scale = std::pow(10.0, decimals);
  if (std::fabs(x) * scale > 9e15) return x;  // beyond exact integers: leave as is
  const double r = std::round(x * scale) / scale;
  return r == 0.0 ? 0.0 : r;
}

std::string format_round_trip(double x) {
  if (!std::isfinite(x)) return {};
  if (x == 0.0) return "0";
  char buf[64];
  // to_chars without a precision is the shortest form that round-trips (and locale-free).
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

std::string format_number(double x, int decimals) {
  if (!std::isfinite(x)) return {};
  const double r = round_to(x, decimals);
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed, decimals);
  std::string s(buf, res.ptr);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace alvh::report
