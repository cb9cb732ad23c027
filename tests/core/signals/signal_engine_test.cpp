#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "alvh/core/signals/constant_maturity.hpp"
#include "alvh/core/signals/default_signals.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "test_market_data.hpp"

using Catch::Matchers::Contains;

using alvh::make_date;

namespace {

// The real bundled history, loaded once for the whole test run.
const alvh::DailyPanel& real_panel() {
  static const alvh::DailyPanel panel = alvh::build_daily_panel(alvh::test::load_test_history());
  return panel;
}

std::vector<alvh::SignalSpec> all_indicator_specs() {
  auto specs = alvh::default_signal_specs();
  specs.push_back({"sma_vix", "sma", "VIX", {{"period", 20}}});
  specs.push_back({"ema_spx", "ema", "SPX", {{"period", 50}}});
  specs.push_back({"roc_spx", "roc", "SPX", {{"period", 5}}});
  specs.push_back({"rank_vix", "pct_rank", "VIX", {{"period", 252}}});
  specs.push_back({"z_vix", "zscore", "VIX", {{"period", 20}}});
  specs.push_back({"vix_vix3m", "ratio", "VIX/VIX3M", {}});
  specs.push_back({"contango", "contango", "VX1/VX2", {}});
  specs.push_back({"cm30", "cm_vx", "VX", {{"tenor", 30}}});
  specs.push_back({"cm220", "cm_vx", "VX", {{"tenor", 220}}});
  return specs;
}

}  // namespace

TEST_CASE("the signal engine's streaming form reproduces its batch table over the full history") {
  const auto& panel = real_panel();
  alvh::SignalEngine engine(all_indicator_specs());
  const auto table = engine.compute(panel);
  CAPTURE(panel.rows.size(), alvh::to_iso(panel.rows.front().date), alvh::to_iso(panel.rows.back().date));
  REQUIRE(panel.rows.size() > 9000);
  REQUIRE(table.columns == engine.columns());
  for (std::size_t r = 0; r < panel.rows.size(); ++r) {
    const auto row = engine.update(panel.rows[r]);
    for (std::size_t c = 0; c < row.size(); ++c) {
      INFO(alvh::to_iso(panel.rows[r].date) << " " << table.columns[c]);
      REQUIRE(row[c] == table.values[c][r]);
    }
  }
}

TEST_CASE("breadth signals are absent before 2023-06-21 and present from then on") {
  const auto& panel = real_panel();
  alvh::SignalEngine engine(alvh::default_signal_specs());
  const auto table = engine.compute(panel);
  const auto& line = table.column("adl.line");
  const auto& mcc = table.column("adl.mcclellan");
  const auto start = make_date(2023, 6, 21);
  std::size_t first = table.dates.size();
  for (std::size_t i = 0; i < table.dates.size(); ++i) {
    if (table.dates[i] < start) {
      INFO(alvh::to_iso(table.dates[i]));
      REQUIRE_FALSE(line[i].has_value());
      REQUIRE_FALSE(mcc[i].has_value());
    } else if (first == table.dates.size()) {
      first = i;
    }
  }
  REQUIRE(first < table.dates.size());
  CAPTURE(alvh::to_iso(table.dates[first]), *line[first]);
  CHECK(table.dates[first] == start);
  CHECK(*line[first] == 797.0 - 756.0);  // first day's advancers - decliners
  CHECK_FALSE(mcc[first].has_value());   // EMA39 still seeding
  CHECK(mcc[first + 38].has_value());
}

TEST_CASE("default signals over the real history start where their inputs and lookbacks allow") {
  const auto& panel = real_panel();
  alvh::SignalEngine engine(alvh::default_signal_specs());
  const auto table = engine.compute(panel);
  CHECK(table.dates.front() == make_date(1990, 1, 2));
  CHECK_FALSE(table.at(32, "macd_vix.macd").has_value());
  CHECK(table.at(33, "macd_vix.macd").has_value());
  CHECK(table.at(14, "rsi_vix").has_value());
  CHECK(table.at(14, "rsi_spx").has_value());
  // VX futures start 2007-04: the term ratio is missing before (no proxy for a ratio of contracts).
  const auto& ratio = table.column("term_ratio");
  for (std::size_t i = 0; i < table.dates.size() && table.dates[i] < make_date(2007, 4, 2); ++i) {
    REQUIRE_FALSE(ratio[i].has_value());
  }
}

TEST_CASE("constant-maturity signals are labelled IndexProxy before the VX curve and VxCurve after") {
  const auto& panel = real_panel();
  alvh::SignalEngine engine({{"cm30", "cm_vx", "VX", {{"tenor", 30}}}});
  const auto table = engine.compute(panel);
  const auto& source = table.column("cm30.source");
  const auto& price = table.column("cm30.price");
  const auto code = [](alvh::CurveSource s) { return static_cast<double>(static_cast<int>(s)); };
  CAPTURE(alvh::to_iso(table.dates[0]), *price[0]);
  CHECK(*source[0] == code(alvh::CurveSource::IndexProxy));
  CHECK(*price[0] > 10.0);
  const auto i2010 = static_cast<std::size_t>(
      std::lower_bound(table.dates.begin(), table.dates.end(), make_date(2010, 1, 4)) - table.dates.begin());
  CAPTURE(alvh::to_iso(table.dates[i2010]), *price[i2010]);
  CHECK(*source[i2010] == code(alvh::CurveSource::VxCurve));
}

TEST_CASE("a missing input day makes that day's signal missing without disturbing the next day") {
  alvh::MarketHistory h;
  for (int d = 1; d <= 31; ++d) {
    const auto date = make_date(2024, 1, static_cast<unsigned>(d));
    h.spx.bars.push_back({date, 1.0, 1.0, 1.0, 4700.0 + d});
    if (d != 20) h.vix.bars.push_back({date, 1.0, 1.0, 1.0, 12.0 + (d % 5)});
  }
  alvh::PanelRange all;
  all.from = make_date(2024, 1, 1);
  const auto panel = alvh::build_daily_panel(h, all);
  alvh::SignalEngine engine({{"rsi_vix", "rsi", "VIX", {{"period", 5}}}});
  const auto table = engine.compute(panel);
  const auto& rsi = table.column("rsi_vix");
  CHECK(rsi[18].has_value());
  CHECK_FALSE(rsi[19].has_value());  // 2024-01-20 has no VIX
  CHECK(rsi[20].has_value());
}

TEST_CASE("the signal engine rejects invalid and duplicate specs with every message") {
  std::vector<alvh::SignalSpec> specs{{"a", "rsi", "VIX", {}}, {"a", "rsi", "SPX", {}}, {"b", "bogus", "VIX", {}}};
  try {
    alvh::SignalEngine engine(specs);
    FAIL("expected std::invalid_argument");
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    CAPTURE(what);
    CHECK_THAT(what, Contains("duplicate"));
    CHECK_THAT(what, Contains("bogus"));
  }
}
