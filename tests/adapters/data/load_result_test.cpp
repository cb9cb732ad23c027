#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "alvh/data/load_result.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/data/ohlc_csv.hpp"
#include "data_test_support.hpp"

using alvh::test::fixture;

TEST_CASE("try_load returns the value when the loader succeeds") {
  const auto result = alvh::try_load([] { return alvh::load_spx_daily(fixture("spx_ok.csv")); });
  REQUIRE(result.ok());
  CHECK(result.value().bars.size() == 7);
}

TEST_CASE("try_load returns the data error instead of throwing") {
  const auto f = fixture("spx_bad_number.csv");
  const auto result = alvh::try_load([&] { return alvh::load_spx_daily(f); });
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().file() == f.string());
  CHECK(result.error().line() == 3);
  CHECK(result.error().column() == 5);
  CHECK_THROWS_AS(result.value(), alvh::DataError);
}

TEST_CASE("try_load_market_history names the broken file, line and column") {
  const auto dir = fixture("history_broken_vix");
  const auto result = alvh::try_load_market_history(dir);
  REQUIRE_FALSE(result.ok());
  INFO(result.error().what());
  CHECK(result.error().file() == (dir / "vix_ohlc_daily.csv").string());
  CHECK(result.error().line() == 3);
  CHECK(result.error().column() == 2);
}

TEST_CASE("try_load_market_history reports a missing directory as an error on its first file") {
  const auto dir = fixture("no_such_dir");
  const auto result = alvh::try_load_market_history(dir);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().file() == (dir / "spx_daily.csv").string());
  CHECK(result.error().line() == 0);
}

TEST_CASE("the loader never fails other than with a data error on corrupted input") {
  // Deterministic corruption of a valid file: flip, delete and insert bytes, including
  // separators, newlines, quotes and NUL. Every outcome must be a value or a DataError.
  const std::string good =
      "date,open,high,low,close,volume,source\n"
      "2020-03-13,2569.99,2711.33,2492.37,2711.02,8258670000,x\n"
      "2020-03-16,2508.59,2562.98,2380.94,2386.13,7805450000,x\n"
      "2020-03-17,2425.66,2553.93,2367.04,2529.19,8358500000,x\n";
  const std::string alphabet = std::string("0123456789.,-+eE\n\r\" x") + '\0';
  std::mt19937 rng(20240805u);
  int errors = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits && !text.empty(); ++k) {
      const std::size_t pos = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0: text[pos] = c; break;
        case 1: text.erase(pos, 1); break;
        default: text.insert(pos, 1, c); break;
      }
    }
    CAPTURE(trial, text);
    const auto result = alvh::try_load([&] { return alvh::parse_spx_daily(text, "fuzz.csv"); });
    if (!result.ok()) {
      ++errors;
      CHECK(result.error().file() == "fuzz.csv");
      CHECK(result.error().line() >= 1);
      CHECK(result.error().column() >= 1);
    }
  }
  CHECK(errors > 0);
}
