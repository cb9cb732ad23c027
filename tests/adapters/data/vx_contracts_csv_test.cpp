#include <catch2/catch.hpp>

#include "alvh/data/vx_contracts_csv.hpp"
#include "data_test_support.hpp"

using alvh::make_date;
using alvh::test::fixture;

TEST_CASE("the vx contract loader turns a no-trade row of zeros into missing values") {
  const auto rows = alvh::load_vx_contracts(fixture("vx_contracts_ok.csv"));
  REQUIRE(rows.size() == 4);
  const auto& none = rows[0];
  CHECK(none.contract == "G05");
  CHECK(none.trade_date == make_date(2004, 6, 18));
  CHECK(none.expiry == make_date(2005, 2, 16));
  CHECK(none.days_to_expiry == 243);
  for (const auto& v : {none.open, none.high, none.low, none.close, none.settle, none.volume, none.open_interest})
    CHECK_FALSE(v.has_value());

  CHECK(rows[1].open == 19.64);
  CHECK(rows[1].settle == 20.05);
  CHECK(rows[1].volume == 51.0);
}

TEST_CASE("the vx contract loader keeps a settle and open interest on a day without trades") {
  const auto rows = alvh::load_vx_contracts(fixture("vx_contracts_ok.csv"));
  REQUIRE(rows.size() == 4);
  CHECK_FALSE(rows[2].open.has_value());
  CHECK_FALSE(rows[2].volume.has_value());
  CHECK(rows[2].settle == 20.38);
  CHECK(rows[2].open_interest == 215.0);
  CHECK(rows[3].contract == "K05");  // several contracts share a trade date
  CHECK_FALSE(rows[3].open.has_value());
  CHECK(rows[3].settle == 21.0);
}

TEST_CASE("the vx contract loader rejects a contract twice on one date") {
  const auto f = fixture("vx_contracts_duplicate.csv");
  alvh::test::require_data_error([&] { alvh::load_vx_contracts(f); }, f, 4, 2,
                                 "duplicate contract G05 on 2004-07-08");
}

TEST_CASE("the vx contract loader rejects a trade date going backwards") {
  const auto f = fixture("vx_contracts_out_of_order.csv");
  alvh::test::require_data_error([&] { alvh::load_vx_contracts(f); }, f, 3, 1, "date out of order");
}

TEST_CASE("the vx contract loader rejects a file with a header and no rows") {
  const auto f = fixture("vx_contracts_header_only.csv");
  alvh::test::require_data_error([&] { alvh::load_vx_contracts(f); }, f, 2, 1, "no data rows after the header");
}
