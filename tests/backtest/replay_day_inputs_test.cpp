#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

#include "alvh/backtest/replay_day_inputs.hpp"
#include "../support/closed_form_pricer.hpp"
#include "replay_fixture.hpp"

using namespace alvh;
using namespace alvh::backtest;

namespace {

// Fires when today's "day" value crossed above 2 since the close before: checks that the rule sees
// the previous close as `today` and the one before as `previous`.
class CrossedTwo final : public RuleCondition {
 public:
  RuleOutcome evaluate(const SignalValues& today, const SignalValues& previous) const override {
    auto it = previous.find("day");
    if (it == previous.end() || !it->second || !today.at("day")) return {RuleOutcome::Kind::Missing, "day"};
    const double t = today.at("day").value_or(0), p = it->second.value_or(0);
    return {t > 2 && p <= 2 ? RuleOutcome::Kind::True : RuleOutcome::Kind::False, "day crossed 2"};
  }
};

}  // namespace

TEST_CASE("each replayed day gets the previous close's signals and the rules they fire, recorded for the report") {
  const DailyPanel panel = test::crash_panel();
  const SignalTable signals = test::day_index_signals(panel);
  RuleBook rules;
  rules.add({"crossed_two", "day crosses above 2", {SkipCondor{}}, OnMissing::Neutral}, std::make_unique<CrossedTwo>());
  ReplayDayInputs inputs(panel, &signals, &rules, 9 * 60 + 30);
  INFO(panel.rows.size() << " panel rows");
  REQUIRE(panel.rows.size() >= 5);

  CHECK_FALSE(inputs.signals_for(0).has_value());  // no close before the first row
  for (std::size_t r = 1; r < panel.rows.size(); ++r) {
    CAPTURE(r);
    const auto s = inputs.signals_for(r);
    REQUIRE(s.has_value());
    CHECK(s->time.date == panel.rows[r].date);
    CHECK(s->time.minutes == 9 * 60 + 30);
    CHECK(*s->values.at("day") == static_cast<double>(r - 1));  // the close before, never today's
    CHECK(s->fired.size() == (r - 1 == 3 ? 1u : 0u));           // 3 > 2 and 2 <= 2: only on row 4
  }
  const SignalTable& rec = inputs.recorded();
  REQUIRE(rec.dates.size() == panel.rows.size());
  CHECK_FALSE(rec.values[0][0].has_value());
  CHECK(*rec.values[0][3] == 2.0);
  CHECK(inputs.days() == panel.rows.size());
}

TEST_CASE("a fed snapshot is recorded under its own columns and fallbacks are counted per replayed day") {
  const DailyPanel panel = test::crash_panel();
  ReplayDayInputs inputs(panel, nullptr, nullptr, 570);
  SignalSnapshot s;
  s.values = {{"vix", 14.0}, {"adl.line", 1200.0}};
  inputs.record(1, s);
  inputs.record(2, std::nullopt);
  const SignalTable& rec = inputs.recorded();
  REQUIRE(rec.columns == std::vector<std::string>{"adl.line", "vix"});  // sorted names
  CHECK(*rec.values[1][0] == 14.0);
  CHECK_FALSE(rec.values[1][1].has_value());
  CHECK(rec.dates == std::vector<Date>{panel.rows[1].date, panel.rows[2].date});

  venue::MarketDay no_curve;
  no_curve.date = panel.rows[1].date;
  const test::ClosedFormPricer pricer;
  const venue::OptionModel model(pricer, {});
  inputs.count_fallbacks(no_curve, model);
  const auto notes = inputs.notes();
  INFO(notes.size() << " notes");
  CHECK(std::find(notes.begin(), notes.end(), "no VX curve (VX forward from the VIX-index proxy): 1 of 2 days") != notes.end());
}
