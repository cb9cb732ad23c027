#include <catch2/catch.hpp>

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/data_error.hpp"

using alvh::CsvReader;
using alvh::CsvRecord;

namespace {
// A reader over one data row under a header with as many generic columns.
struct OneRow {
  explicit OneRow(std::string row) : text("c1,c2,c3,c4\n" + std::move(row) + "\n"), reader(text, "r.csv") {
    REQUIRE(reader.next(record));
  }
  std::string text;
  CsvReader reader;
  CsvRecord record;
};
}  // namespace

TEST_CASE("numbers parse with from_chars; blank is missing and zero is a value") {
  OneRow row("1.5,,0,-2e3");
  CAPTURE(row.text);
  CHECK(row.record.number(0) == 1.5);
  CHECK_FALSE(row.record.number(1).has_value());
  CHECK(row.record.number(2) == 0.0);
  CHECK(row.record.number(3) == -2000.0);
}

TEST_CASE("prices treat blank as missing and reject zero and negatives at their column") {
  OneRow row("18.19,,0.0,-1");
  CAPTURE(row.text);
  CHECK(row.record.price(0) == 18.19);
  CHECK_FALSE(row.record.price(1).has_value());
  CHECK_THROWS_WITH(row.record.price(2), "r.csv:2:3: zero price '0.0' (a blank field marks a missing value)");
  CHECK_THROWS_WITH(row.record.price(3), "r.csv:2:4: negative price '-1'");
}

TEST_CASE("a value where the source writes 0 for no trade reads blank and zero as missing and rejects negatives") {
  OneRow row("20.05,,0.0,-1");
  CAPTURE(row.text);
  CHECK(row.record.zero_is_missing(0) == 20.05);
  CHECK_FALSE(row.record.zero_is_missing(1).has_value());
  CHECK_FALSE(row.record.zero_is_missing(2).has_value());
  CHECK_THROWS_WITH(row.record.zero_is_missing(3), "r.csv:2:4: negative value '-1'");
}

TEST_CASE("a number with trailing garbage, spaces, a plus sign, inf or nan is rejected at its column") {
  for (const std::string bad : {"1.2.3", " 1", "1 ", "+1", "inf", "nan", "abc"}) {
    OneRow row("1," + bad + ",3,4");
    CAPTURE(bad);
    try {
      (void)row.record.number(1);
      FAIL("accepted " << bad);
    } catch (const alvh::DataError& e) {
      CHECK(e.line() == 2);
      CHECK(e.column() == 2);
      CHECK(e.reason() == "'" + bad + "' is not a number");
    }
  }
}

TEST_CASE("dates must be valid ISO calendar dates") {
  OneRow row("2024-02-29,2023-02-29,,24-02-01");
  CHECK(row.record.date(0) == alvh::make_date(2024, 2, 29));
  CHECK_THROWS_WITH(row.record.date(1), "r.csv:2:2: '2023-02-29' is not a date (expected YYYY-MM-DD)");
  CHECK_FALSE(row.record.optional_date(2).has_value());
  CHECK_THROWS_WITH(row.record.date(2), "r.csv:2:3: missing date");
  CHECK_THROWS_AS(row.record.date(3), alvh::DataError);
}

TEST_CASE("integers reject fractions") {
  OneRow row("16,,16.0,-3");
  CHECK(row.record.integer(0) == 16);
  CHECK_FALSE(row.record.integer(1).has_value());
  CHECK_THROWS_WITH(row.record.integer(2), "r.csv:2:3: '16.0' is not an integer");
  CHECK(row.record.integer(3) == -3);
}
