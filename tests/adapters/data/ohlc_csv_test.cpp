#include <catch2/catch.hpp>

#include "alvh/data/ohlc_csv.hpp"
#include "data_test_support.hpp"

using alvh::make_date;
using alvh::test::fixture;
using alvh::test::require_data_error;

TEST_CASE("the spx loader reads OHLC and treats flat close-only bars, blank and impossible opens as missing") {
  const auto spx = alvh::load_spx_daily(fixture("spx_ok.csv"));
  REQUIRE(spx.bars.size() == 7);

  const auto* close_only = spx.find(make_date(1961, 12, 29));
  REQUIRE(close_only);
  CHECK(close_only->close == 71.55);
  CHECK_FALSE(close_only->open.has_value());
  CHECK_FALSE(close_only->high.has_value());
  CHECK_FALSE(close_only->low.has_value());

  const auto* no_open = spx.find(make_date(1962, 1, 2));
  REQUIRE(no_open);
  CHECK_FALSE(no_open->open.has_value());
  CHECK(no_open->high == 71.96);
  CHECK(no_open->low == 70.71);

  CHECK(spx.find(make_date(1982, 4, 20))->open == 115.8);
  CHECK_FALSE(spx.find(make_date(1990, 1, 2))->open.has_value());   // blank in the file
  CHECK_FALSE(spx.find(make_date(1990, 1, 3))->open.has_value());   // open above high
  CHECK(spx.find(make_date(1990, 1, 3))->high == 360.59);

  const auto* covid = spx.find(make_date(2020, 3, 16));
  REQUIRE(covid);
  CHECK(covid->open == 2508.59);
  CHECK(covid->close == 2386.13);
}

TEST_CASE("the spx loader accepts CRLF files and a BOM without a final newline") {
  CHECK(alvh::load_spx_daily(fixture("spx_crlf.csv")).bars.size() == 2);
  const auto bom = alvh::load_spx_daily(fixture("spx_bom_no_final_newline.csv"));
  REQUIRE(bom.bars.size() == 1);
  CHECK(bom.bars[0].close == 2386.13);
}

TEST_CASE("the vix loader keeps holiday rows and drops flat close-only bars and opens outside the range") {
  const auto vix = alvh::load_vix_ohlc(fixture("vix_ok.csv"));
  REQUIRE(vix.bars.size() == 4);
  CHECK_FALSE(vix.bars[0].open.has_value());  // 1991: close-only era
  CHECK(vix.bars[0].close == 19.34);
  CHECK_FALSE(vix.bars[1].open.has_value());  // 1992-02-11 open 19.24 > high 18.57
  CHECK(vix.bars[1].close == 17.70);
  CHECK(vix.bars[2].high == 89.53);
  CHECK(vix.bars[3].date == make_date(2022, 5, 30));  // Memorial Day: kept in the raw series
}

TEST_CASE("the loader rejects a wrong header with file, line and column") {
  const auto f = fixture("spx_wrong_header.csv");
  require_data_error([&] { alvh::load_spx_daily(f); }, f, 1, 2, "wrong header: expected 'open', found 'opn'");
}

TEST_CASE("the loader rejects a row with too few or too many fields") {
  const auto shorter = fixture("spx_short_row.csv");
  require_data_error([&] { alvh::load_spx_daily(shorter); }, shorter, 3, 7, "expected 7 fields, found 6");
  const auto longer = fixture("spx_long_row.csv");
  require_data_error([&] { alvh::load_spx_daily(longer); }, longer, 2, 8, "expected 7 fields, found 8");
  const auto blank = fixture("spx_blank_line.csv");
  require_data_error([&] { alvh::load_spx_daily(blank); }, blank, 3, 2, "expected 7 fields, found 1");
}

TEST_CASE("the loader rejects an unparseable number at its column") {
  const auto f = fixture("spx_bad_number.csv");
  require_data_error([&] { alvh::load_spx_daily(f); }, f, 3, 5, "'25x9.19' is not a number");
  const auto nan = fixture("spx_nan.csv");
  require_data_error([&] { alvh::load_spx_daily(nan); }, nan, 2, 4, "'nan' is not a number");
  const auto neg = fixture("spx_negative.csv");
  require_data_error([&] { alvh::load_spx_daily(neg); }, neg, 2, 3, "negative price");
}

TEST_CASE("the loader rejects an impossible date") {
  const auto f = fixture("spx_bad_date.csv");
  require_data_error([&] { alvh::load_spx_daily(f); }, f, 3, 1, "'2023-02-30' is not a date");
}

TEST_CASE("the loader rejects a duplicate date with file, line and column") {
  const auto f = fixture("spx_duplicate_date.csv");
  require_data_error([&] { alvh::load_spx_daily(f); }, f, 4, 1, "duplicate date 2020-03-16, already on line 3");
}

TEST_CASE("the loader rejects a date out of order with file, line and column") {
  const auto f = fixture("spx_out_of_order.csv");
  require_data_error([&] { alvh::load_spx_daily(f); }, f, 4, 1,
                     "date out of order: 2020-03-13 comes after 2020-03-17 (line 3)");
}

TEST_CASE("the loader rejects quoted fields, an empty file and a missing file") {
  const auto quoted = fixture("spx_quoted.csv");
  require_data_error([&] { alvh::load_spx_daily(quoted); }, quoted, 2, 7, "quoted fields are not supported");
  const auto empty = fixture("empty.csv");
  require_data_error([&] { alvh::load_spx_daily(empty); }, empty, 1, 1, "empty file");
  const auto missing = fixture("no_such_file.csv");
  require_data_error([&] { alvh::load_spx_daily(missing); }, missing, 0, 0, "cannot open file");
  const auto dir = fixture("history_broken_vix");
  require_data_error([&] { alvh::load_spx_daily(dir); }, dir, 0, 0, "is a directory");
}

TEST_CASE("the loader rejects a zero price at its file, line and column instead of reading it as missing") {
  const auto f = fixture("spx_zero_close.csv");
  require_data_error([&] { alvh::load_spx_daily(f); }, f, 3, 5, "zero price '0'");
}

TEST_CASE("the ohlc loaders reject a file with a header and no rows") {
  const auto spx = fixture("spx_header_only.csv");
  require_data_error([&] { alvh::load_spx_daily(spx); }, spx, 2, 1, "no data rows after the header");
  const auto vix = fixture("vix_header_only_crlf.csv");
  require_data_error([&] { alvh::load_vix_ohlc(vix); }, vix, 2, 1, "no data rows after the header");
}
