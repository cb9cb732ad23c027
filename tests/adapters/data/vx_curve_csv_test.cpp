#include <catch2/catch.hpp>

#include "alvh/data/vx_curve_csv.hpp"
#include "data_test_support.hpp"

using alvh::make_date;
using alvh::test::fixture;

TEST_CASE("the vx curve loader reads settles, expiries and days to expiry for M1..M8") {
  const auto rows = alvh::load_vx_curve(fixture("vx_curve_ok.csv"));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].date == make_date(2007, 4, 2));
  CHECK(rows[0].settle[0] == 14.7);
  CHECK(rows[0].expiry[0] == make_date(2007, 4, 18));
  CHECK(rows[0].days_to_expiry[0] == 16);
  CHECK(rows[0].settle[6] == 14.42);
  CHECK(rows[0].days_to_expiry[6] == 198);
  CHECK_FALSE(rows[0].settle[7].has_value());  // blank
  CHECK_FALSE(rows[0].expiry[7].has_value());
  CHECK_FALSE(rows[0].days_to_expiry[7].has_value());
  CHECK_FALSE(rows[1].settle[7].has_value());  // blank settle beside a known expiry
  CHECK(rows[1].expiry[7] == make_date(2007, 11, 21));
}

TEST_CASE("the vx curve loader rejects days to expiry that disagree with the expiry date") {
  const auto f = fixture("vx_curve_bad_dte.csv");
  alvh::test::require_data_error([&] { alvh::load_vx_curve(f); }, f, 2, 20,
                                 "days to expiry 80 disagrees with expiry 2007-06-20 (79 days)");
}

TEST_CASE("the vx curve loader rejects a zero settlement and a file without rows") {
  const auto zero = fixture("vx_curve_zero_settle.csv");
  alvh::test::require_data_error([&] { alvh::load_vx_curve(zero); }, zero, 2, 2, "zero price '0.0'");
  const auto empty = fixture("vx_curve_header_only.csv");
  alvh::test::require_data_error([&] { alvh::load_vx_curve(empty); }, empty, 2, 1, "no data rows after the header");
}
