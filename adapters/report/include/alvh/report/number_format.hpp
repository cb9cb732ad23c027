#pragma once
// Locale-independent, deterministic number text for the report files: fixed decimals with
// trailing zeros trimmed, "-0" printed as "0", non-finite values as an empty string.
#include <string>

namespace alvh::report {

std::string format_number(double x, int decimals);
// The shortest text that reads back (strtod, from_chars) as exactly `x`: the table files print
// this so every figure can be recomputed from them bit for bit. "-0" is printed as "0" (equal
// as a double), non-finite values as an empty string.
std::string format_round_trip(double x);
// x rounded half away from zero to `decimals` places, -0 folded to 0 (what JSON output stores).
double round_to(double x, int decimals);

}  // namespace alvh::report
