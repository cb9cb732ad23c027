#include <catch2/catch.hpp>

#include "alvh/core/vix_expirations.hpp"
#include "alvh/strategies/vix_ladder_strategy.hpp"
#include "support/market_fixture.hpp"

using namespace alvh;
using namespace alvh::strategies;
using alvh::test::FakeHost;
using alvh::test::Market;

namespace {

VixLadderConfig fixed_units_config() {
  VixLadderConfig cfg;
  cfg.sizing_mode = HedgeSizingMode::FixedUnits;
  cfg.fixed_units_per_condor = 1.0;
  return cfg;
}

CondorExposure one_condor(int qty = 1) {
  return {make_date(2024, 3, 12), qty, 2.55, (25 - 2.55) * 100 * qty, 60.0 * qty};
}

struct LadderRig {
  FakeHost host;
  Market market;
  VixLadderStrategy strategy;
  explicit LadderRig(VixLadderConfig cfg, Date start = make_date(2024, 3, 11)) : strategy(std::move(cfg)) {
    host.clock_.local = {start, 9 * 60 + 30};
    test::use_market(host, market);
    strategy.init(host);
    strategy.set_condor_exposure(one_condor());
    strategy.on_start();
  }
  void run_day(Date d, std::vector<FiredRule> fired = {}, SignalValues values = {{"term_ratio", 0.9}}) {
    if (!host.calendar_.is_trading_day(d)) return;
    host.clock_.local = {d, 9 * 60 + 30};
    strategy.on_index_values(test::index_values(host, market));
    strategy.on_signals({host.clock_.local, std::move(values), std::move(fired)});
    host.advance_to({d, 16 * 60}, strategy);
  }
  int held(std::size_t layer) const { return strategy.layers()[layer].quantity(); }
};

}  // namespace

TEST_CASE("fixed units buy 4/4/2 calls at the listed expiries nearest 30/110/220 days") {
  LadderRig rig(fixed_units_config());
  rig.strategy.set_condor_exposure(one_condor(2));
  rig.run_day(make_date(2024, 3, 11));
  REQUIRE(rig.host.singles.size() == 3);
  CHECK(rig.held(0) == 8);
  CHECK(rig.held(1) == 8);
  CHECK(rig.held(2) == 4);
  const Date today = make_date(2024, 3, 11);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& o = rig.host.singles[i];
    CAPTURE(i, symbol(o.instrument), o.limit);
    CHECK(o.side == Side::Buy);
    CHECK(o.instrument.root == "VIX");
    CHECK(o.instrument.right == OptionType::Call);
    const double step = o.instrument.strike < 15 ? 0.5 : 1.0;
    CHECK(std::fmod(o.instrument.strike, step) == 0);
    const int target = i == 0 ? 30 : i == 1 ? 110 : 220;
    CHECK(o.instrument.expiry == vix_expiry_nearest_dte(today, target, rig.host.calendar_));
    // Slightly OTM versus the same-expiry future (delta 0.40 / 0.35 / 0.30).
    CHECK(o.instrument.strike > rig.market.vx_for(days_between(today, o.instrument.expiry)));
  }
  CHECK(rig.host.decisions("fixed units: 1.00 per condor x 2 condors").size() == 1);
}

TEST_CASE("each sizing mode produces units from its own formula") {
  struct Case {
    HedgeSizingMode mode;
    const char* text;
  };
  for (const auto& c : {Case{HedgeSizingMode::VixPointRatio, "vix-point ratio"}, Case{HedgeSizingMode::PremiumBudget, "premium budget"},
                        Case{HedgeSizingMode::GapCover, "gap cover"}}) {
    VixLadderConfig cfg;
    cfg.sizing_mode = c.mode;
    LadderRig rig(cfg);
    rig.run_day(make_date(2024, 3, 11));
    CAPTURE(c.text, rig.strategy.last_units());
    CHECK(rig.strategy.last_units() > 0);
    CHECK(rig.host.decisions(c.text).size() == 1);
    CHECK(rig.held(0) >= 1);
  }
}

TEST_CASE("the vix-point ratio follows the 1:5 formula and scales with the condor's vega") {
  VixLadderConfig cfg;  // default mode: VixPointRatio 0.20
  LadderRig small(cfg), large(cfg);
  large.strategy.set_condor_exposure(one_condor(10));
  small.run_day(make_date(2024, 3, 11));
  large.run_day(make_date(2024, 3, 11));
  CAPTURE(small.strategy.last_units(), large.strategy.last_units());
  CHECK(large.strategy.last_units() == Approx(10 * small.strategy.last_units()));
  // 60 $/IV pt x beta 1.5 x 0.2 = 18 $/VIX pt; a unit is ~100-130 $/VIX pt.
  CHECK(small.strategy.last_units() == Approx(18.0 / 118.0).epsilon(0.3));
}

TEST_CASE("premium budget spends nothing when the forward VIX is at or below 15") {
  VixLadderConfig cfg;
  cfg.sizing_mode = HedgeSizingMode::PremiumBudget;
  LadderRig rig(cfg);
  rig.market.vx_front = 14.0;
  rig.market.vx_slope = 0;
  rig.run_day(make_date(2024, 3, 11));
  CHECK(rig.strategy.last_units() == 0);
  CHECK(rig.host.singles.empty());
}

TEST_CASE("a VIX expiration week rolls the front layer at the 14-day floor into the next month") {
  LadderRig rig(fixed_units_config());
  for (Date d = make_date(2024, 3, 11); d <= make_date(2024, 4, 19); d = add_days(d, 1)) rig.run_day(d);
  const auto rolls = rig.host.decisions("roll: ");
  INFO(rolls.size());
  REQUIRE(rolls.size() >= 1);
  CHECK(rolls.front().find("2024-04-03") == 0);  // Apr-17 expiry reaches 14 DTE on Apr 3
  CHECK(rolls.front().find("VIX 2024-04-17") != std::string::npos);
  REQUIRE(rig.strategy.layers()[0].lots.size() == 1);
  CHECK(rig.strategy.layers()[0].lots[0].contract.expiry == make_date(2024, 5, 22));
  CHECK(rig.held(0) == 4);
  // Mid and back layers were not touched.
  CHECK(rig.held(1) == 4);
  CHECK(rig.held(2) == 2);
}

TEST_CASE("a crash day monetizes every layer and re-establishes smaller only after calm and contango") {
  LadderRig rig(fixed_units_config());
  rig.run_day(make_date(2024, 3, 11));
  REQUIRE(rig.held(0) == 4);
  rig.market.vix = 40;
  rig.market.vx_front = 30;
  rig.run_day(make_date(2024, 3, 12));
  CHECK(rig.host.decisions("monetize: bid").size() == 3);  // the calls are worth > 3x their cost
  CHECK(rig.held(0) == 0);
  CHECK(rig.held(2) == 0);
  rig.market.vix = 28;
  rig.run_day(make_date(2024, 3, 13));
  CHECK(rig.host.decisions("not re-established: spot VIX 28.00").size() == 3);
  rig.market.vix = 18;
  rig.market.vx_front = 19;
  rig.run_day(make_date(2024, 3, 14), {}, {{"term_ratio", 1.05}});
  CHECK(rig.host.decisions("term ratio 1.050 >= 1").size() == 3);
  rig.run_day(make_date(2024, 3, 15), {}, {{"term_ratio", 0.92}});
  CHECK(rig.host.decisions("re-establish at 50%").size() == 3);
  CHECK(rig.held(0) == 2);
  CHECK(rig.held(1) == 2);
  CHECK(rig.held(2) == 1);
}

TEST_CASE("spot VIX at 35 monetizes the ladder even when the calls have not tripled") {
  LadderRig rig(fixed_units_config());
  rig.run_day(make_date(2024, 3, 11));
  rig.market.vix = 36;
  rig.market.vx_front = 16;
  rig.run_day(make_date(2024, 3, 12));
  CHECK(rig.host.decisions("monetize: spot VIX 36.00 >= 35.00").size() == 3);
  CHECK(rig.held(0) == 0);
}

TEST_CASE("no hedge is bought while the front future is above 50 or before VIX first drops below 20") {
  {
    LadderRig rig(fixed_units_config());
    rig.market.vx_front = 55;
    rig.market.vix = 19;
    rig.run_day(make_date(2024, 3, 11));
    CHECK(rig.host.singles.empty());
    CHECK(rig.host.decisions("front VX 55.00 above 50.00").size() == 3);
  }
  {
    LadderRig rig(fixed_units_config());
    rig.market.vix = 23;
    rig.run_day(make_date(2024, 3, 11));
    CHECK(rig.host.singles.empty());
    CHECK(rig.host.decisions("not established yet: spot VIX 23.00 >= 20.00").size() == 3);
  }
}

TEST_CASE("rules change the ladder day by day and every change names its rule") {
  LadderRig rig(fixed_units_config());
  const FiredRule turbulence{"turbulence", "turbulence_score 2 >= 2", {SetLayerMultipliers{{6.0, std::nullopt, std::nullopt}}}};
  const FiredRule block{"fomc_week", "calendar", {BlockHedgePurchases{}}};
  const FiredRule take_back{"take_back", "vix rsi > 80", {MonetizeLayer{LadderLayer::Back}}};

  rig.run_day(make_date(2024, 3, 11));  // day 1: base 4/4/2
  CHECK(rig.held(0) == 4);
  CHECK(rig.strategy.multipliers()[0] == 4);

  rig.run_day(make_date(2024, 3, 12), {turbulence});  // day 2: front 4 -> 6
  CHECK(rig.strategy.multipliers()[0] == 6);
  CHECK(rig.held(0) == 6);
  CHECK(rig.host.decisions("front multiplier 4.0 -> 6.0: rule 'turbulence'").size() == 1);

  rig.run_day(make_date(2024, 3, 13));  // day 3: no rule -> base again; the ladder is never sold down
  CHECK(rig.strategy.multipliers()[0] == 4);
  CHECK(rig.held(0) == 6);
  CHECK(rig.host.decisions("front multiplier 6.0 -> 4.0: no rule fired").size() == 1);

  rig.strategy.set_condor_exposure(one_condor(2));  // day 4: bigger book, but purchases blocked
  rig.run_day(make_date(2024, 3, 14), {block});
  CHECK(rig.held(1) == 4);
  CHECK(rig.host.decisions("purchases blocked by rule 'fomc_week'").size() == 3);

  rig.run_day(make_date(2024, 3, 15), {take_back});  // day 5: back layer monetized by rule
  CHECK(rig.host.decisions("monetize: rule 'take_back'").size() == 1);
  CHECK(rig.held(2) == 0);
  CHECK(rig.held(1) == 8);
}

TEST_CASE("bad VIX quotes produce no hedge order and a logged reason") {
  LadderRig rig(fixed_units_config());
  rig.host.chain_provider = [&](const ChainRequest& r) {
    auto chain = test::vix_chain(rig.host, rig.market, r.expiries);
    for (auto& q : chain.quotes) q.bid = 0;
    return chain;
  };
  rig.run_day(make_date(2024, 3, 11));
  CHECK(rig.host.singles.empty());
  CHECK(rig.host.decisions("zero bid").size() == 3);
}

TEST_CASE("ladder state survives save and load") {
  LadderRig rig(fixed_units_config());
  rig.run_day(make_date(2024, 3, 11));
  VixLadderStrategy restored{fixed_units_config()};
  REQUIRE(restored.load_state(rig.strategy.save_state()));
  for (std::size_t i = 0; i < 3; ++i) CHECK(restored.layers()[i].quantity() == rig.held(i));
  CHECK(restored.layers()[0].lots[0].contract == rig.strategy.layers()[0].lots[0].contract);
}
