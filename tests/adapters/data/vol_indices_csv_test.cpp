#include <catch2/catch.hpp>

#include "alvh/data/vol_indices_csv.hpp"
#include "data_test_support.hpp"

using alvh::VolIndex;
using alvh::test::fixture;

TEST_CASE("the vol index loader reads the nine indices by name in any order and ignores the rest") {
  const auto rows = alvh::load_vol_indices(fixture("vol_indices_ok.csv"));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get(VolIndex::VIX) == 17.24);
  CHECK(rows[0].get(VolIndex::SKEW) == 126.09);
  CHECK_FALSE(rows[0].get(VolIndex::VIX3M).has_value());  // blank: not launched yet
  CHECK_FALSE(rows[0].get(VolIndex::VXTH).has_value());
  CHECK(rows[1].get(VolIndex::VXTH) == 500.5);
  CHECK(rows[1].get(VolIndex::VVIX) == 110.2);
  CHECK(rows[1].get(VolIndex::VIX1Y) == 27.0);
  CHECK(rows[1].get(VolIndex::VIX6M) == 28.0);
  CHECK(rows[1].get(VolIndex::VIX3M) == 29.0);
  CHECK(rows[1].get(VolIndex::VIX9D) == 30.1);
  CHECK_FALSE(rows[1].get(VolIndex::VIX1D).has_value());  // blank
}

TEST_CASE("the vol index loader names a missing index column") {
  const auto f = fixture("vol_indices_missing_column.csv");
  alvh::test::require_data_error([&] { alvh::load_vol_indices(f); }, f, 1, 1, "missing column 'VXTH'");
}

TEST_CASE("the vol index loader rejects a file with a header and no rows") {
  const auto f = fixture("vol_indices_header_only.csv");
  alvh::test::require_data_error([&] { alvh::load_vol_indices(f); }, f, 2, 1, "no data rows after the header");
}
