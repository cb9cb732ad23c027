#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "alvh/report/number_format.hpp"

using alvh::report::format_number;

TEST_CASE("numbers are printed with fixed decimals, trailing zeros trimmed and no negative zero", "[report][format]") {
  CHECK(format_number(1.5, 2) == "1.5");
  CHECK(format_number(1234.5678, 2) == "1234.57");
  CHECK(format_number(-0.0001, 2) == "0");
  CHECK(format_number(-2.0, 4) == "-2");
  CHECK(format_number(0.1 + 0.2, 6) == "0.3");
  CHECK(format_number(100000.0, 0) == "100000");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN(), 2).empty());
  CHECK(format_number(std::numeric_limits<double>::infinity(), 2).empty());
}
