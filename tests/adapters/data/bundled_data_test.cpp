// Known facts checked against the real files in data/ (see data/SOURCES.md).
#include <catch2/catch.hpp>

#include <algorithm>

#include "alvh/data/market_history_loader.hpp"
#include "data_test_support.hpp"

using alvh::make_date;
using alvh::VolIndex;

namespace {
const alvh::MarketHistory& history() {
  static const alvh::MarketHistory h = alvh::load_market_history(ALVH_TEST_DATA_DIR);
  return h;
}
}  // namespace

TEST_CASE("the bundled data loads completely with the documented row counts") {
  const auto& h = history();
  CHECK(h.spx.bars.size() == 24777);
  CHECK(h.vix.bars.size() == 9235);
  CHECK(h.vol_indices.size() == 9262);
  CHECK(h.vx_curve.size() == 4901);
  CHECK(h.vx_contracts.size() == 21082);
  CHECK(h.breadth.size() == 752);
  CHECK(h.nyse_open_dates.size() == 24366);
}

TEST_CASE("the bundled vix matches known closes and the 2008 intraday high") {
  const auto& vix = history().vix;
  const auto* oct08 = vix.find(make_date(2008, 10, 24));
  REQUIRE(oct08);
  CHECK(oct08->close == Approx(79.13));
  CHECK(oct08->high == Approx(89.53));
  REQUIRE(vix.find(make_date(2020, 3, 16)));
  CHECK(vix.find(make_date(2020, 3, 16))->close == Approx(82.69));
  REQUIRE(vix.find(make_date(2024, 8, 5)));
  CHECK(vix.find(make_date(2024, 8, 5))->close == Approx(38.57));
}

TEST_CASE("the bundled vix keeps its rows on NYSE holidays") {
  const auto& h = history();
  int off_spx = 0;
  for (const auto& bar : h.vix.bars)
    if (!h.spx.find(bar.date)) ++off_spx;
  CHECK(off_spx == 33);
  CHECK(h.vix.find(make_date(2022, 5, 30)));  // Memorial Day
}

TEST_CASE("the bundled spx matches the 2020-03-16 close and has no open before 1982-04-20") {
  const auto& spx = history().spx;
  REQUIRE(spx.find(make_date(2020, 3, 16)));
  CHECK(spx.find(make_date(2020, 3, 16))->close == Approx(2386.13));
  std::optional<alvh::Date> first_open;
  for (const auto& bar : spx.bars) {
    REQUIRE(bar.close.has_value());
    if (bar.open && !first_open) first_open = bar.date;
  }
  REQUIRE(first_open);
  CHECK(*first_open == make_date(1982, 4, 20));
  CHECK_FALSE(spx.bars.front().high.has_value());  // 1927: close-only
  CHECK(spx.bars.front().date == make_date(1927, 12, 30));
  CHECK(spx.bars.back().date == make_date(2026, 8, 21));
}

TEST_CASE("the bundled vx contracts turn a zero row into missing values") {
  const auto& rows = history().vx_contracts;
  REQUIRE_FALSE(rows.empty());
  const auto& first = rows.front();  // 2004-06-18 G05: all zeros in the file
  CHECK(first.trade_date == make_date(2004, 6, 18));
  CHECK(first.contract == "G05");
  CHECK_FALSE(first.settle.has_value());
  CHECK_FALSE(first.open.has_value());
  CHECK_FALSE(first.volume.has_value());
  CHECK(rows[1].settle == Approx(20.05));
}

TEST_CASE("the bundled breadth starts 2023-06-21") {
  const auto& b = history().breadth;
  REQUIRE_FALSE(b.empty());
  CHECK(b.front().date == make_date(2023, 6, 21));
  CHECK(b.front().advancers == 797.0);
  CHECK(b.back().date == make_date(2026, 6, 18));
}

TEST_CASE("the bundled vol indices and vx curve have their documented starts") {
  const auto& h = history();
  CHECK(h.vol_indices.front().date == make_date(1990, 1, 2));
  CHECK(h.vol_indices.front().get(VolIndex::VIX) == Approx(17.24));
  CHECK_FALSE(h.vol_indices.front().get(VolIndex::VIX3M).has_value());
  CHECK(h.vx_curve.front().date == make_date(2007, 4, 2));
  CHECK(h.vx_curve.front().settle[0] == Approx(14.7));
  CHECK(h.vx_curve.front().days_to_expiry[0] == 16);
  CHECK(h.nyse_open_dates.front() == make_date(1927, 12, 30));
  CHECK(h.nyse_open_dates.back() == make_date(2024, 12, 31));
}

TEST_CASE("the bundled data's cleaning counts match data/SOURCES.md") {
  const auto& h = history();
  auto count = [](const alvh::OhlcSeries& s, auto pred) {
    return std::count_if(s.bars.begin(), s.bars.end(), pred);
  };
  const auto close_only = [](const alvh::OhlcBar& b) { return b.close && !b.high && !b.low && !b.open; };
  const auto bad_open = [](const alvh::OhlcBar& b) { return b.high && b.low && !b.open; };
  CHECK(count(h.spx, close_only) == 8547);
  CHECK(count(h.vix, close_only) == 506);
  CHECK(count(h.vix, bad_open) == 47);

  const auto no_trade = std::count_if(h.vx_contracts.begin(), h.vx_contracts.end(), [](const auto& r) {
    return !r.open && !r.high && !r.low && !r.close && !r.settle && !r.volume && !r.open_interest;
  });
  CHECK(no_trade == 89);
}

TEST_CASE("the bundled open dates lack 2023-12-29, a trading day in the spx file") {
  const auto& h = history();
  const auto missing = alvh::make_date(2023, 12, 29);
  CHECK_FALSE(std::binary_search(h.nyse_open_dates.begin(), h.nyse_open_dates.end(), missing));
  CHECK(h.spx.find(missing) != nullptr);
}
