#include <catch2/catch.hpp>

#include "alvh/data/nyse_breadth_csv.hpp"
#include "data_test_support.hpp"

using alvh::test::fixture;

TEST_CASE("the breadth loader reads the NYSE all-issues columns and keeps zero as a value") {
  const auto rows = alvh::load_nyse_breadth(fixture("breadth_ok.csv"));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].date == alvh::make_date(2023, 6, 21));
  CHECK(rows[0].advancers == 797.0);
  CHECK(rows[0].decliners == 756.0);
  CHECK(rows[0].ad == 41.0);
  CHECK(rows[0].ad_cum == 41.0);
  CHECK(rows[0].mcclellan == Approx(2.05));
  CHECK(rows[1].ad == 0.0);                      // advancers == decliners
  CHECK_FALSE(rows[1].mcclellan.has_value());    // blank
}

TEST_CASE("the breadth loader rejects a file with a header and no rows") {
  const auto f = fixture("breadth_header_only.csv");
  alvh::test::require_data_error([&] { alvh::load_nyse_breadth(f); }, f, 2, 1, "no data rows after the header");
}
