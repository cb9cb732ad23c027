#include <catch2/catch.hpp>

#include "alvh/data/data_error.hpp"

TEST_CASE("a data error formats what() as file:line:column: reason") {
  const alvh::DataError e("data/spx_daily.csv", 12, 5, "'x' is not a number");
  CHECK(std::string(e.what()) == "data/spx_daily.csv:12:5: 'x' is not a number");
  CHECK(e.file() == "data/spx_daily.csv");
  CHECK(e.line() == 12);
  CHECK(e.column() == 5);
  CHECK(e.reason() == "'x' is not a number");
}

TEST_CASE("a data error can be caught as a std::runtime_error") {
  CHECK_THROWS_AS(throw alvh::DataError("f", 1, 1, "r"), std::runtime_error);
}
