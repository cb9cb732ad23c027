#include <catch2/catch.hpp>

#include <functional>

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/data_error.hpp"

using alvh::CsvReader;
using alvh::CsvRecord;
using alvh::DataError;

namespace {
DataError error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e;
  }
  FAIL("no DataError");
  return DataError("", 0, 0, "");
}
}  // namespace

TEST_CASE("the csv reader splits fields and counts lines from 1 with the header on line 1") {
  CsvReader reader("a,b,c\n1,,3\n4,5,6\n", "t.csv");
  REQUIRE(reader.header().size() == 3);
  CsvRecord r;
  REQUIRE(reader.next(r));
  CHECK(r.line() == 2);
  CHECK(r.field(0) == "1");
  CHECK(r.field(1).empty());
  CHECK(r.field(2) == "3");
  REQUIRE(reader.next(r));
  CHECK(r.line() == 3);
  CHECK_FALSE(reader.next(r));
}

TEST_CASE("the csv reader accepts CRLF line ends, a BOM and a missing final newline") {
  CsvReader reader("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4", "t.csv");
  CHECK(reader.header()[0] == "x");
  CsvRecord r;
  REQUIRE(reader.next(r));
  CHECK(r.field(1) == "2");
  REQUIRE(reader.next(r));
  CHECK(r.field(1) == "4");
  CHECK_FALSE(reader.next(r));
}

TEST_CASE("the csv reader reports a short row at its first missing column") {
  CsvReader reader("a,b,c\n1,2\n", "t.csv");
  CsvRecord r;
  const auto e = error_of([&] { reader.next(r); });
  CHECK(std::string(e.what()) == "t.csv:2:3: malformed row: expected 3 fields, found 2");
}

TEST_CASE("the csv reader reports a long row at its first surplus column") {
  CsvReader reader("a,b\n1,2,3,4\n", "t.csv");
  CsvRecord r;
  const auto e = error_of([&] { reader.next(r); });
  CHECK(e.line() == 2);
  CHECK(e.column() == 3);
}

TEST_CASE("the csv reader rejects quoted fields instead of misreading them") {
  CsvReader reader("a,b\n1,\"x,y\"\n", "t.csv");
  CsvRecord r;
  const auto e = error_of([&] { reader.next(r); });
  CHECK(e.line() == 2);
  CHECK(e.column() == 2);
  CHECK(e.reason() == "quoted fields are not supported");
}

TEST_CASE("the csv reader rejects an empty file, empty and duplicate column names") {
  CHECK(error_of([] { CsvReader("", "t.csv"); }).reason() == "empty file, expected a header line");
  CHECK(error_of([] { CsvReader("a,,c\n", "t.csv"); }).column() == 2);
  const auto dup = error_of([] { CsvReader("a,b,A\n", "t.csv"); });
  CHECK(dup.column() == 3);
  CHECK(dup.reason() == "duplicate column name 'A'");
}

TEST_CASE("the csv reader finds columns by name ignoring ASCII case") {
  CsvReader reader("Date,VIX,SKEW\n", "t.csv");
  CHECK(reader.require_column("skew") == 2);
  CHECK(reader.require_column("vix") == 1);
  const auto e = error_of([&] { reader.require_column("VVIX"); });
  CHECK(std::string(e.what()) == "t.csv:1:1: wrong header: missing column 'VVIX'");
}

TEST_CASE("the csv reader names the first header column that differs from the expected prefix") {
  CsvReader reader("date,opn,high\n", "t.csv");
  const auto e = error_of([&] { reader.require_header_prefix({"date", "open", "high"}); });
  CHECK(std::string(e.what()) == "t.csv:1:2: wrong header: expected 'open', found 'opn'");
  const auto shorter = error_of([&] { CsvReader("date\n", "t.csv").require_header_prefix({"date", "open"}); });
  CHECK(shorter.column() == 2);
}

TEST_CASE("a header-less reader checks the field count on every line") {
  CsvReader reader = CsvReader::headerless("2024-01-02\n2024-01-03,x\n", "d.txt", 1);
  CsvRecord r;
  REQUIRE(reader.next(r));
  CHECK(r.line() == 1);
  const auto e = error_of([&] { reader.next(r); });
  CHECK(e.line() == 2);
  CHECK(e.column() == 2);
}

TEST_CASE("the csv reader reports a header without data rows on the line where the first row belongs") {
  CsvReader reader("a,b\n", "t.csv");
  CsvRecord r;
  CHECK_FALSE(reader.next(r));
  const DataError e = error_of([&] { reader.require_rows(); });
  CHECK(std::string(e.what()) == "t.csv:2:1: no data rows after the header");
  CsvReader with_rows("a,b\n1,2\n", "t.csv");
  while (with_rows.next(r)) {
  }
  CHECK_NOTHROW(with_rows.require_rows());
  CsvReader none = CsvReader::headerless("", "d.txt", 1);
  CHECK_FALSE(none.next(r));
  CHECK(std::string(error_of([&] { none.require_rows(); }).what()) == "d.txt:1:1: empty file, expected at least one line");
}
