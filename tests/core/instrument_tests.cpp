#include <catch2/catch.hpp>

#include "alvh/core/instrument.hpp"

using alvh::make_date;

TEST_CASE("a symbol prints whole strikes without decimals and fractional strikes as printf's %g does") {
  const alvh::Date e = make_date(2024, 3, 15);
  CHECK(alvh::symbol(alvh::spxw_option(e, 5100, alvh::OptionType::Put)) == "SPXW 2024-03-15 5100P");
  CHECK(alvh::symbol(alvh::vix_option(e, 14.5, alvh::OptionType::Call)) == "VIX 2024-03-15 14.5C");
  CHECK(alvh::symbol(alvh::vix_option(e, 0.25, alvh::OptionType::Call)) == "VIX 2024-03-15 0.25C");
  CHECK(alvh::symbol(alvh::vix_option(e, 12.3456789, alvh::OptionType::Call)) == "VIX 2024-03-15 12.3457C");
  CHECK(alvh::symbol(alvh::spxw_option(e, 12500, alvh::OptionType::Call)) == "SPXW 2024-03-15 12500C");
  CHECK(alvh::symbol(alvh::vx_future(make_date(2024, 4, 17))) == "VX 2024-04-17");
}

TEST_CASE("dates print as YYYY-MM-DD with zero padding") {
  CHECK(alvh::to_iso(make_date(2007, 1, 2)) == "2007-01-02");
  CHECK(alvh::to_iso(make_date(2026, 12, 31)) == "2026-12-31");
  CHECK(alvh::to_iso(make_date(999, 10, 9)) == "0999-10-09");
}

TEST_CASE("instruments are equal when kind, root, expiry, strike and right agree; the multiplier is not part of it") {
  const alvh::Date e = make_date(2024, 3, 15);
  auto a = alvh::vix_option(e, 20, alvh::OptionType::Call);
  auto b = a;
  b.multiplier = 1;
  CHECK(a == b);
  b.root = "VIXW";
  CHECK_FALSE(a == b);
  CHECK_FALSE(a == alvh::vix_option(e, 20, alvh::OptionType::Put));
  CHECK_FALSE(a == alvh::vix_option(make_date(2024, 4, 17), 20, alvh::OptionType::Call));
}
