#include <catch2/catch.hpp>

#include "alvh/core/clock.hpp"

TEST_CASE("an exchange time prints as the ISO date and a zero-padded HH:MM") {
  using alvh::make_date;
  CHECK(alvh::to_string(alvh::ExchangeTime{make_date(2024, 3, 15), 9 * 60 + 5}) == "2024-03-15 09:05");
  CHECK(alvh::to_string(alvh::ExchangeTime{make_date(2024, 3, 15), 15 * 60 + 50}) == "2024-03-15 15:50");
  CHECK(alvh::to_string(alvh::ExchangeTime{make_date(2007, 1, 2), 0}) == "2007-01-02 00:00");
  CHECK(alvh::to_string(alvh::ExchangeTime{make_date(2007, 1, 2), 24 * 60}) == "2007-01-02 24:00");
}
