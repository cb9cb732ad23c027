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

// Today's monetize rules (exit policy "monetize").
VixLadderConfig monetize_config() {
  VixLadderConfig cfg = fixed_units_config();
  cfg.exit_policy = LadderExitPolicy::Monetize;
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
  VixLadderConfig cfg;
  cfg.sizing_mode = HedgeSizingMode::VixPointRatio;
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
  LadderRig rig(monetize_config());
  rig.run_day(make_date(2024, 3, 11));
  REQUIRE(rig.held(0) == 4);
  rig.market.vix = 40;
  rig.market.vx_front = 30;
  rig.run_day(make_date(2024, 3, 12));
  CHECK(rig.host.decisions("layer emptied: monetize: bid").size() == 3);  // the calls are worth > 3x their cost
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
  LadderRig rig(monetize_config());
  rig.run_day(make_date(2024, 3, 11));
  rig.market.vix = 36;
  rig.market.vx_front = 16;
  rig.run_day(make_date(2024, 3, 12));
  CHECK(rig.host.decisions("layer emptied: monetize: spot VIX 36.00 >= 35.00").size() == 3);
  CHECK(rig.held(0) == 0);
  CHECK(rig.host.decisions("front layer emptied: monetize: spot VIX 36.00").size() == 1);
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
  LadderRig rig(monetize_config());
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
  CHECK(rig.host.decisions("back layer emptied: monetize: rule 'take_back'").size() == 1);
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

TEST_CASE("under the hold policy a spike keeps the base ladder and sells only the turbulence top-up") {
  LadderRig rig(fixed_units_config());  // exit policy hold is the default
  REQUIRE(fixed_units_config().exit_policy == LadderExitPolicy::Hold);
  const FiredRule turbulence{"turbulence", "turbulence_score 2 >= 2", {SetLayerMultipliers{{6.0, std::nullopt, std::nullopt}}}};
  rig.run_day(make_date(2024, 3, 11), {turbulence});
  REQUIRE(rig.held(0) == 6);
  rig.market.vix = 40;
  rig.market.vx_front = 30;
  rig.run_day(make_date(2024, 3, 12), {turbulence});
  INFO(rig.host.decisions("2024-03-12").size());
  CHECK(rig.host.decisions("take profit above base 4 (exit policy hold)").size() == 1);
  CHECK(rig.held(0) == 4);  // the base stays
  CHECK(rig.held(1) == 4);
  CHECK(rig.held(2) == 2);
  CHECK(rig.host.decisions("layer held at base (exit policy hold)").size() == 2);
  CHECK(rig.host.decisions("layer emptied").empty());
  // While spot VIX stays above the monetize level the top-up is not bought back.
  rig.run_day(make_date(2024, 3, 13), {turbulence});
  CHECK(rig.held(0) == 4);
  rig.market.vix = 18;
  rig.market.vx_front = 19;
  rig.run_day(make_date(2024, 3, 14), {turbulence});
  CHECK(rig.held(0) == 6);
}

TEST_CASE("under the hold policy a day sized at zero units sells nothing on a spike") {
  VixLadderConfig cfg;
  cfg.sizing_mode = HedgeSizingMode::PremiumBudget;  // spends nothing when the forward VIX is above 50
  LadderRig rig(cfg);
  rig.market.vx_front = 20;
  rig.run_day(make_date(2024, 3, 11));
  const int held = rig.held(0);
  REQUIRE(held > 0);
  rig.market.vix = 60;
  rig.market.vx_front = 55;
  rig.run_day(make_date(2024, 3, 12));
  CAPTURE(held, rig.strategy.last_units());
  CHECK(rig.strategy.last_units() == 0);
  CHECK(rig.held(0) == held);
  CHECK(rig.host.decisions("take profit").empty());
  CHECK(rig.host.decisions("front layer held at base (exit policy hold): monetize:").size() == 1);
}

TEST_CASE("a roll buys the new contracts first and sells the old ones after that buy has filled") {
  LadderRig rig(fixed_units_config());
  for (Date d = make_date(2024, 3, 11); d <= make_date(2024, 4, 3); d = add_days(d, 1)) rig.run_day(d);
  const Date old_expiry = make_date(2024, 4, 17), new_expiry = make_date(2024, 5, 22);
  std::optional<std::size_t> buy_at, sell_at;
  for (std::size_t k = 0; k < rig.host.singles.size(); ++k) {
    const auto& o = rig.host.singles[k];
    if (o.side == Side::Buy && o.instrument.expiry == new_expiry && !buy_at) buy_at = k;
    if (o.side == Side::Sell && o.instrument.expiry == old_expiry && !sell_at) sell_at = k;
  }
  REQUIRE(buy_at);
  REQUIRE(sell_at);
  CAPTURE(*buy_at, *sell_at);
  CHECK(*buy_at < *sell_at);
  CHECK(rig.host.decisions("roll into new expiry, first leg").size() == 1);
  CHECK(rig.host.decisions("roll, second leg").size() == 1);
  REQUIRE(rig.strategy.layers()[0].lots.size() == 1);
  CHECK(rig.strategy.layers()[0].lots[0].contract.expiry == new_expiry);
  CHECK(rig.held(0) == 4);
}

TEST_CASE("a roll whose buy is rejected leaves the layer as it was") {
  LadderRig rig(fixed_units_config());
  for (Date d = make_date(2024, 3, 11); d <= make_date(2024, 4, 2); d = add_days(d, 1)) rig.run_day(d);
  const auto before = rig.strategy.layers()[0].lots;
  REQUIRE(before.size() == 1);
  rig.host.refuse_single = [](const SingleOrder& o) -> std::optional<std::string> {
    if (o.side == Side::Buy) return "trading REDUCING, order adds risk";
    return std::nullopt;
  };
  rig.run_day(make_date(2024, 4, 3));  // the front layer reaches its 14-day floor
  CHECK(rig.host.decisions("roll into new expiry, first leg").size() == 1);
  CHECK(rig.host.decisions("not done, front layer kept as it was").size() == 1);
  const auto after = rig.strategy.layers()[0].lots;
  REQUIRE(after.size() == 1);
  CHECK(after[0].contract == before[0].contract);
  CHECK(after[0].quantity == before[0].quantity);
  for (const auto& o : rig.host.singles) {
    CAPTURE(symbol(o.instrument));
    CHECK_FALSE((o.side == Side::Sell && o.instrument.expiry == make_date(2024, 4, 17)));
  }
  // The next day, with buys allowed again, the roll completes.
  rig.host.refuse_single = nullptr;
  rig.run_day(make_date(2024, 4, 4));
  REQUIRE(rig.strategy.layers()[0].lots.size() == 1);
  CHECK(rig.strategy.layers()[0].lots[0].contract.expiry == make_date(2024, 5, 22));
}

TEST_CASE("vega ratio sizes the hedge at 1:5 of the condor's vega, exactly with fractional contracts") {
  VixLadderConfig cfg;
  REQUIRE(cfg.sizing_mode == HedgeSizingMode::VegaRatio);
  REQUIRE(cfg.vega_ratio == Approx(0.2));
  cfg.fractional = true;
  LadderRig rig(cfg);
  rig.run_day(make_date(2024, 3, 11));
  const double units = rig.strategy.last_units();
  CHECK(rig.host.decisions("vega ratio: 1:5.00 x condor vega 60.0 $/vol pt").size() == 1);
  // Hedge vega of what is held, from the contracts bought and the fixture's Black-76 prices.
  double hedge_vega = 0;
  const Date today = make_date(2024, 3, 11);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& lot = rig.strategy.layers()[i].lots.at(0);
    const int dte = days_between(today, lot.contract.expiry);
    const double f = rig.market.vx_for(dte);
    const double vol = std::clamp(rig.market.vvix / 100.0 * std::pow(30.0 / dte, 0.35), 0.3, 2.5);
    const double years = strategies::years_to({today, 15 * 60 + 50}, lot.contract.expiry, 9 * 60 + 30);
    const double vega = rig.host.pricer_.black76({OptionType::Call, f, lot.contract.strike, years, 0, vol}).vega;
    CAPTURE(i, units, lot.quantity, lot.contract.multiplier, vega);
    CHECK(lot.contract.multiplier == 1);  // one order unit = 1/100 contract
    CHECK(lot.quantity == std::lround(units * cfg.layers[i].contracts_per_unit * 100));
    CHECK(rig.strategy.contracts(i) == Approx(units * cfg.layers[i].contracts_per_unit).margin(0.005));
    hedge_vega += rig.strategy.contracts(i) * 100 * vega;
  }
  CAPTURE(hedge_vega);
  CHECK(hedge_vega / 60.0 == Approx(0.2).epsilon(0.01));

  VixLadderConfig whole = cfg;
  whole.fractional = false;
  LadderRig rounded(whole);
  rounded.run_day(make_date(2024, 3, 11));
  CHECK(rounded.host.decisions("whole contracts give hedge:condor vega 1:").size() == 1);
  for (std::size_t i = 0; i < 3; ++i) CHECK(rounded.strategy.layers()[i].lots.at(0).contract.multiplier == 100);
}

TEST_CASE("sizing modes and exit policies have one name table that round-trips") {
  for (const auto& e : kHedgeSizingModes) {
    CAPTURE(e.name);
    CHECK(hedge_sizing_mode_name(e.mode) == e.name);
    CHECK(parse_hedge_sizing_mode(e.name) == e.mode);
  }
  for (const auto& e : kLadderExitPolicies) {
    CAPTURE(e.name);
    CHECK(parse_ladder_exit_policy(e.name) == e.policy);
  }
  CHECK_FALSE(parse_hedge_sizing_mode("vega"));
  CHECK_FALSE(parse_ladder_exit_policy("sell"));
}

TEST_CASE("vega_ratio outside 1:8 .. 1:3 is a validation error naming the field") {
  for (double r : {0.1, 0.34, -1.0}) {
    VixLadderConfig cfg;
    cfg.vega_ratio = r;
    const auto errors = validate(cfg);
    CAPTURE(r);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Matchers::StartsWith("vega_ratio must be in [0.125, 0.333]"));
  }
  VixLadderConfig ok;
  ok.vega_ratio = 1.0 / 3;
  CHECK(validate(ok).empty());
}
