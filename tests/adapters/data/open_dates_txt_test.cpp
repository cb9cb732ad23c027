#include <catch2/catch.hpp>

#include "alvh/data/open_dates_txt.hpp"
#include "data_test_support.hpp"

using alvh::test::fixture;

TEST_CASE("the open dates loader reads one date a line") {
  const auto dates = alvh::load_open_dates(fixture("open_dates_ok.txt"));
  REQUIRE(dates.size() == 3);
  CHECK(dates.front() == alvh::make_date(2024, 12, 27));
  CHECK(dates.back() == alvh::make_date(2024, 12, 31));
}

TEST_CASE("the open dates loader rejects unsorted dates and extra fields") {
  const auto unsorted = fixture("open_dates_unsorted.txt");
  alvh::test::require_data_error([&] { alvh::load_open_dates(unsorted); }, unsorted, 3, 1, "date out of order");
  const auto two = fixture("open_dates_two_fields.txt");
  alvh::test::require_data_error([&] { alvh::load_open_dates(two); }, two, 2, 2, "expected 1 fields, found 2");
}

TEST_CASE("the open dates loader rejects an empty file") {
  const auto f = fixture("open_dates_empty.txt");
  alvh::test::require_data_error([&] { alvh::load_open_dates(f); }, f, 1, 1, "empty file");
}
