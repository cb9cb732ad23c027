#include <catch2/catch.hpp>

#include <numeric>

#include "alvh/backtest/backtest_runner.hpp"
#include "../support/closed_form_pricer.hpp"
#include "replay_fixture.hpp"

using namespace alvh;
using namespace alvh::backtest;
using Catch::Matchers::WithinAbs;

namespace {

struct Run {
  BacktestResult result;
  std::vector<std::shared_ptr<test::Observed>> strategies;
};

Run run_two_variants(const DailyPanel& panel, const SignalTable& signals) {
  static test::ClosedFormPricer pricer;
  static test::WeekdayCalendar calendar;
  Run run;
  std::vector<VariantSpec> variants;
  for (bool hedge : {false, true}) {
    VariantSpec v;
    v.name = hedge ? "alvh:test" : "condors";
    if (hedge) v.sizing_mode = "test";
    auto seen = std::make_shared<test::Observed>();
    run.strategies.push_back(seen);
    v.make_strategy = [seen, hedge] { return std::make_unique<test::ScriptedStrategy>(hedge, seen); };
    variants.push_back(std::move(v));
  }
  BacktestInputs in{&panel, &signals, nullptr, &calendar, &pricer};
  BacktestSettings settings;
  run.result = run_backtest(in, variants, settings);
  return run;
}

}  // namespace

TEST_CASE("the replay sells a condor every day, settles it at the next close and books the ledger", "[backtest][replay]") {
  const DailyPanel panel = test::crash_panel();
  const SignalTable signals = test::day_index_signals(panel);
  Run run = run_two_variants(panel, signals);
  const VariantResult& condors = run.result.variants.at(0);
  REQUIRE(condors.daily.size() == panel.rows.size());
  const test::Observed& s = *run.strategies.at(0);
  // One condor per day, filled at once; the last one is still open at the end.
  CHECK(s.fills.size() == panel.rows.size());
  CHECK(s.settlements.size() == 4 * (panel.rows.size() - 1));
  CHECK(std::all_of(s.fills.begin(), s.fills.end(), [](const Fill& f) { return f.effect == PriceEffect::Credit; }));
  // Signals on day r are the previous close's values.
  REQUIRE(s.seen_days.size() == panel.rows.size() - 1);
  for (std::size_t i = 0; i < s.seen_days.size(); ++i) CHECK(s.seen_days[i] == static_cast<double>(i));
  // Equity is the initial cash plus the daily book P&L.
  double total = 0;
  for (const DailyRecord& d : condors.daily) total += d.condor_pnl + d.hedge_pnl;
  CHECK_THAT(condors.daily.back().equity, WithinAbs(100000 + total, 1e-6));
  CHECK(condors.hedge_pnl_total == 0.0);
  CHECK(condors.daily.back().open_condors == 1);
}

TEST_CASE("on the synthetic crash day the hedged variant's VIX calls recover part of the condor loss", "[backtest][replay]") {
  const DailyPanel panel = test::crash_panel();
  const SignalTable signals = test::day_index_signals(panel);
  Run run = run_two_variants(panel, signals);
  const auto& rows = run.result.crash_days;
  auto find = [&](const std::string& variant) {
    return std::find_if(rows.begin(), rows.end(), [&](const CrashRow& r) {
      return r.variant == variant && r.first == make_date(2024, 3, 13);
    });
  };
  const auto hedged = find("alvh:test");
  const auto bare = find("condors");
  REQUIRE(hedged != rows.end());
  REQUIRE(bare != rows.end());
  CAPTURE(hedged->condor_pnl, hedged->hedge_pnl);
  CHECK(hedged->event == "SPX -6.0%");
  // The 4925/4900 put spread settles through the wing at 4700: about -(25 - credit) x 100.
  CHECK(hedged->condor_pnl < -2000);
  CHECK_THAT(hedged->condor_pnl, WithinAbs(bare->condor_pnl, 1e-9));
  CHECK(hedged->hedge_pnl > 0);
  REQUIRE(hedged->recovery_ratio);
  CHECK(*hedged->recovery_ratio > 0.1);
  CHECK_FALSE(bare->recovery_ratio.value_or(0) > 0);
  const VariantResult& h = run.result.variants.at(1);
  CHECK(h.hedge_cost_drag.has_value());
  CHECK(h.ladder_layers.front() == "front");
  CHECK(h.daily.back().ladder_contracts.front() == 10);
  CHECK(h.daily.back().hedge_greeks.delta > 0);
  CHECK(h.recovery.events >= 1);
  CHECK_FALSE(run.result.variants.at(0).hedge_cost_drag.has_value());
}

TEST_CASE("the same inputs replay to identical results", "[backtest][replay]") {
  const DailyPanel panel = test::crash_panel();
  const SignalTable signals = test::day_index_signals(panel);
  const Run a = run_two_variants(panel, signals);
  const Run b = run_two_variants(panel, signals);
  for (std::size_t v = 0; v < a.result.variants.size(); ++v) {
    const auto& x = a.result.variants[v].daily;
    const auto& y = b.result.variants[v].daily;
    REQUIRE(x.size() == y.size());
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(x[i].equity == y[i].equity);
    CHECK(a.result.variants[v].trades.size() == b.result.variants[v].trades.size());
  }
  CHECK(a.result.notes == b.result.notes);
}

TEST_CASE("the default replay range starts with the VX curve and an empty range is refused", "[backtest][replay]") {
  DailyPanel panel = test::crash_panel();
  panel.rows[0].vx.reset();
  panel.rows[1].vx.reset();
  const auto range = replay_range(panel, std::nullopt, std::nullopt);
  REQUIRE(range);
  CHECK(range->from == panel.rows[2].date);
  CHECK(range->to == panel.rows.back().date);
  CHECK_FALSE(replay_range(panel, make_date(2030, 1, 1), std::nullopt));
  test::ClosedFormPricer pricer;
  test::WeekdayCalendar cal;
  BacktestInputs in{&panel, nullptr, nullptr, &cal, &pricer};
  CHECK_THROWS_AS(run_backtest(in, {}, BacktestSettings{}), std::invalid_argument);
}
