#include <catch2/catch.hpp>

#include <map>

#include "alvh/backtest/backtest_runner.hpp"
#include "../support/closed_form_pricer.hpp"
#include "replay_fixture.hpp"

using namespace alvh;
using namespace alvh::backtest;

namespace {

// Writes the given decision lines on their days at 15:45, as the ladder and the risk gate do.
class LoggingStrategy final : public Strategy {
 public:
  using Lines = std::multimap<Date, std::pair<std::string, std::string>>;  // day -> (source, message)
  explicit LoggingStrategy(Lines lines) : lines_(std::move(lines)) {}
  std::string_view name() const override { return "logging"; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_start() override { ctx_->schedule({ctx_->clock().now_local().date, hhmm(15, 45)}, "tick"); }
  void on_timer(const TimerEvent& t) override {
    ctx_->schedule({ctx_->calendar().next_trading_day(t.scheduled.date), hhmm(15, 45)}, "tick");
    const auto [lo, hi] = lines_.equal_range(t.scheduled.date);
    for (auto it = lo; it != hi; ++it) ctx_->log(LogLevel::Decision, it->second.first, it->second.second);
  }

 private:
  Lines lines_;
  StrategyContext* ctx_ = nullptr;
};

}  // namespace

TEST_CASE("lasting trading halts, daily-loss resets and emptied layers reach the result, and a crash row "
          "without hedge P&L says why", "[backtest][runner]") {
  const DailyPanel panel = test::crash_panel();  // SPX -6% on 2024-03-13
  test::ClosedFormPricer pricer;
  test::WeekdayCalendar calendar;
  const LoggingStrategy::Lines lines{
      {make_date(2024, 3, 5), {"risk_gate", "state REDUCING: daily loss 12000 $ exceeds limit 10000 $"}},
      {make_date(2024, 3, 6), {"risk_gate", "state ACTIVE: new session 2024-03-06, daily loss limit reset"}},
      {make_date(2024, 3, 8), {"risk_gate", "state HALTED: rule 'panic' (vix > 80)"}},
      {make_date(2024, 3, 11), {"vix_ladder", "2024-03-11 15:50 front layer emptied: monetize: spot VIX 36.00 >= 35.00"}},
  };
  VariantSpec v;
  v.name = "condors+alvh:test";
  v.sizing_mode = "test";
  v.exit_policy = "monetize";
  v.make_strategy = [lines] { return std::make_unique<LoggingStrategy>(lines); };
  const BacktestInputs in{&panel, nullptr, nullptr, &calendar, &pricer};
  const BacktestResult r = run_backtest(in, {v}, BacktestSettings{});
  REQUIRE(r.variants.size() == 1);
  const VariantResult& out = r.variants[0];
  CHECK(out.exit_policy == "monetize");

  CHECK(out.daily_loss_resets == 1);
  REQUIRE(out.halts.size() == 1);
  CHECK(out.halts[0].from == make_date(2024, 3, 8));
  CHECK_FALSE(out.halts[0].until);
  CHECK(out.halts[0].state == "HALTED");
  CHECK(out.halts[0].reason == "rule 'panic' (vix > 80)");

  REQUIRE(out.ladder_exits.size() == 1);
  CHECK(out.ladder_exits[0].date == make_date(2024, 3, 11));
  CHECK(out.ladder_exits[0].message == "front layer emptied: monetize: spot VIX 36.00 >= 35.00");

  const auto crash = std::find_if(r.crash_days.begin(), r.crash_days.end(),
                                  [](const CrashRow& c) { return c.first == make_date(2024, 3, 13); });
  REQUIRE(crash != r.crash_days.end());
  INFO(crash->note);
  CHECK_THAT(crash->note, Catch::Matchers::Contains("no hedge P&L: held at the previous close: front 0, mid 0, back 0"));
  CHECK_THAT(crash->note, Catch::Matchers::Contains("2024-03-11 front layer emptied: monetize: spot VIX 36.00"));
}

TEST_CASE("the gap and VIX-jump thresholds change the crash days of a run", "[backtest][runner]") {
  DailyPanel panel = test::crash_panel();
  // 2024-03-07: SPX opens 2.5% down and closes flat; 2024-03-08: VIX +50% on a flat SPX.
  for (PanelRow& row : panel.rows) {
    if (row.date == make_date(2024, 3, 7)) row.spx.open = *row.spx.close * 0.975;
    if (row.date == make_date(2024, 3, 8)) row.vix.close = 22.5;
  }
  test::ClosedFormPricer pricer;
  test::WeekdayCalendar calendar;
  VariantSpec v;
  v.name = "condors";
  v.make_strategy = [] { return std::make_unique<LoggingStrategy>(LoggingStrategy::Lines{}); };
  const BacktestInputs in{&panel, nullptr, nullptr, &calendar, &pricer};
  auto days_of = [&](const BacktestSettings& s) {
    std::vector<std::string> names;
    for (const CrashRow& c : run_backtest(in, {v}, s).crash_days) names.push_back(to_iso(c.first) + " " + c.event);
    return names;
  };
  BacktestSettings s;
  const auto all = days_of(s);
  CAPTURE(all);
  CHECK(std::count(all.begin(), all.end(), "2024-03-07 SPX gap -2.5%") == 1);
  CHECK(std::count(all.begin(), all.end(), "2024-03-08 VIX +50%") == 1);
  CHECK(std::count(all.begin(), all.end(), "2024-03-13 SPX -6.0%") == 1);
  s.gap_threshold = -0.03;
  s.vix_jump_threshold.reset();
  const auto fewer = days_of(s);
  CAPTURE(fewer);
  CHECK(fewer.size() == all.size() - 2);
}
