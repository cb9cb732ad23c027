#include <catch2/catch.hpp>

#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/core/signals/panel_series.hpp"

using alvh::make_date;

namespace {

alvh::OhlcBar bar(alvh::Date d, double close) { return {d, close, close, close, close}; }

// SPX trades 3, 5, 6 Jan; VIX also printed on the 4th (a holiday for NYSE here) and not on the 5th.
alvh::MarketHistory small_history() {
  alvh::MarketHistory h;
  h.spx.bars = {bar(make_date(2024, 1, 3), 4700), bar(make_date(2024, 1, 5), 4710), bar(make_date(2024, 1, 8), 4720)};
  h.vix.bars = {bar(make_date(2024, 1, 3), 13.0), bar(make_date(2024, 1, 4), 14.0), bar(make_date(2024, 1, 8), 15.0)};
  alvh::VolIndexRow v;
  v.date = make_date(2024, 1, 5);
  v.close[static_cast<std::size_t>(alvh::VolIndex::VIX3M)] = 16.0;
  v.close[static_cast<std::size_t>(alvh::VolIndex::VIX)] = 13.5;
  h.vol_indices = {v};
  alvh::VxCurveRow c;
  c.date = make_date(2024, 1, 8);
  c.settle[0] = 15.5;
  c.settle[1] = 16.5;
  h.vx_curve = {c};
  h.breadth = {{make_date(2024, 1, 8), 1500.0, 1200.0, 300.0, 300.0, std::nullopt}};
  return h;
}

}  // namespace

TEST_CASE("the daily panel follows the SPX calendar, drops VIX rows on non-SPX days and leaves gaps empty") {
  const auto panel = alvh::build_daily_panel(small_history());
  REQUIRE(panel.rows.size() == 3);
  CHECK(panel.rows[0].date == make_date(2024, 1, 3));
  CHECK(panel.rows[1].date == make_date(2024, 1, 5));
  CHECK(panel.rows[2].date == make_date(2024, 1, 8));
  CHECK(*panel.rows[0].vix.close == 13.0);
  CHECK_FALSE(panel.rows[1].vix.close.has_value());  // 2024-01-04's 14.0 is not carried forward
  const auto vix = *alvh::series_id("VIX");
  CHECK(*alvh::series_value(panel.rows[1], vix) == 13.5);  // from the index file that day
  CHECK(*alvh::series_value(panel.rows[1], *alvh::series_id("VIX3M")) == 16.0);
  CHECK_FALSE(panel.rows[1].vx.has_value());
  CHECK_FALSE(alvh::series_value(panel.rows[1], *alvh::series_id("VX1")).has_value());
  CHECK(*alvh::series_value(panel.rows[2], *alvh::series_id("VX2")) == 16.5);
  CHECK_FALSE(alvh::series_value(panel.rows[0], *alvh::series_id("NYSE")).has_value());
  CHECK(*alvh::series_value(panel.rows[2], *alvh::series_id("NYSE")) == 300.0);
}

TEST_CASE("the daily panel range is configurable") {
  alvh::PanelRange range;
  range.from = make_date(2024, 1, 4);
  range.to = make_date(2024, 1, 5);
  const auto panel = alvh::build_daily_panel(small_history(), range);
  REQUIRE(panel.rows.size() == 1);
  CHECK(panel.rows[0].date == make_date(2024, 1, 5));
}

TEST_CASE("series names resolve to panel series and unknown names do not") {
  CHECK(alvh::series_id("SPX").has_value());
  CHECK(alvh::series_id("VX8").has_value());
  CHECK(alvh::series_id("VIX1Y").has_value());
  CHECK_FALSE(alvh::series_id("VX9").has_value());
  CHECK_FALSE(alvh::series_id("vix").has_value());
}
