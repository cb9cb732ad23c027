#include <catch2/catch.hpp>

#include "alvh/strategies/alvh_portfolio.hpp"
#include "alvh/strategies/risk_gate.hpp"
#include "support/market_fixture.hpp"

using namespace alvh;
using namespace alvh::strategies;
using alvh::test::FakeHost;
using alvh::test::Market;

namespace {

const Date kExpiry = make_date(2024, 3, 12);

ComboOrder condor_order(int qty, double credit = 2.0) {
  ComboOrder o;
  o.legs = {{spxw_option(kExpiry, 5050, OptionType::Put), Side::Sell, 1},
            {spxw_option(kExpiry, 5025, OptionType::Put), Side::Buy, 1},
            {spxw_option(kExpiry, 5150, OptionType::Call), Side::Sell, 1},
            {spxw_option(kExpiry, 5175, OptionType::Call), Side::Buy, 1}};
  o.quantity = qty;
  o.limit = credit;
  o.effect = PriceEffect::Credit;
  o.tag = "ic:test";
  return o;
}

struct GateRig {
  FakeHost host;
  Market market;
  RiskGate gate;
  explicit GateRig(RiskGateConfig cfg = {}) : gate(cfg) {
    host.clock_.local = {make_date(2024, 3, 11), 15 * 60 + 45};
    gate.observe(test::spxw_chain(host, market, kExpiry));
    gate.observe(test::vix_chain(host, market, {make_date(2024, 4, 17)}));
  }
};

}  // namespace

TEST_CASE("the gate accepts a sane condor and rejects each limit breach with its reason") {
  RiskGateConfig cfg;
  cfg.max_contracts_per_order = 10;
  cfg.max_loss_per_condor = 5000;
  GateRig rig(cfg);
  CHECK(rig.gate.check_combo(condor_order(2), rig.host).accepted);

  const auto too_many = rig.gate.check_combo(condor_order(11), rig.host);
  CHECK_FALSE(too_many.accepted);
  CHECK(too_many.reason.find("max_contracts_per_order") != std::string::npos);

  const auto too_risky = rig.gate.check_combo(condor_order(3), rig.host);  // (25-2) x 100 x 3 = 6900 $
  CHECK_FALSE(too_risky.accepted);
  CHECK(too_risky.reason.find("max_loss_per_condor") != std::string::npos);

  auto debit = condor_order(1);
  debit.limit = -1;
  CHECK_FALSE(rig.gate.check_combo(debit, rig.host).accepted);
}

TEST_CASE("the gate limits open condors, the order rate and the rolling hedge spend") {
  RiskGateConfig cfg;
  cfg.max_open_condors = 1;
  cfg.max_orders_per_minute = 3;
  cfg.hedge_spend_limit_12m = 1000;
  GateRig rig(cfg);
  rig.host.positions_.push_back({spxw_option(kExpiry, 5050, OptionType::Put), -1, 1.0, "ic:open"});
  const auto open = rig.gate.check_combo(condor_order(1), rig.host);
  CHECK_FALSE(open.accepted);
  CHECK(open.reason.find("max_open_condors") != std::string::npos);
  rig.host.positions_.clear();

  const Instrument call = vix_option(make_date(2024, 4, 17), 17, OptionType::Call);
  rig.gate.on_fill({"x", 8, 1.0, PriceEffect::Debit, {{call, Side::Buy, 8, 1.0}}, 0, rig.host.clock_.now_utc()},
                   rig.host.clock_.now_utc());
  CHECK(rig.gate.hedge_spend_last_12m(rig.host.clock_.now_utc()) == 800);
  const auto spend = rig.gate.check_single({call, Side::Buy, 3, 1.0, "ladder"}, rig.host);
  CHECK_FALSE(spend.accepted);
  CHECK(spend.reason.find("12-month limit") != std::string::npos);
  // A year later the old premium no longer counts.
  rig.host.clock_.local.date = make_date(2025, 3, 12);
  CHECK(rig.gate.hedge_spend_last_12m(rig.host.clock_.now_utc()) == 0);
  rig.host.clock_.local.date = make_date(2024, 3, 11);

  const SingleOrder small{call, Side::Buy, 1, 1.0, "ladder"};
  CHECK(rig.gate.check_single(small, rig.host).accepted);
  CHECK(rig.gate.check_single(small, rig.host).accepted);
  const auto rate = rig.gate.check_single(small, rig.host);
  CHECK(rate.accepted);
  const auto fourth = rig.gate.check_single(small, rig.host);
  CHECK_FALSE(fourth.accepted);
  CHECK(fourth.reason.find("rate limit") != std::string::npos);
  rig.host.clock_.local.minutes += 1;  // a minute later the window has emptied
  CHECK(rig.gate.check_single(small, rig.host).accepted);
}

TEST_CASE("the gate rejects NaN, crossed, zero-bid, stale and missing quotes") {
  struct Case {
    const char* name;
    std::function<void(Quote&, Timestamp)> spoil;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"NaN", [](Quote& q, Timestamp) { q.ask = std::nan(""); }, "NaN"},
      {"crossed", [](Quote& q, Timestamp) { q.bid = q.ask + 0.2; }, "crossed"},
      {"zero bid", [](Quote& q, Timestamp) { q.bid = 0; }, "zero bid"},
      {"stale", [](Quote& q, Timestamp now) { q.time = now - std::chrono::minutes{10}; }, "stale"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      GateRig rig;
      auto chain = test::spxw_chain(rig.host, rig.market, kExpiry);
      for (auto& q : chain.quotes) c.spoil(q, rig.host.clock_.now_utc());
      rig.gate.observe(chain);
      const auto v = rig.gate.check_combo(condor_order(1), rig.host);
      CHECK_FALSE(v.accepted);
      CHECK(v.reason.find(c.reason) != std::string::npos);
    }
  }
  SECTION("missing") {
    GateRig rig;
    ComboOrder o = condor_order(1);
    o.legs[0].instrument.strike = 9995;
    CHECK(rig.gate.check_combo(o, rig.host).reason.find("no quote") != std::string::npos);
  }
}

TEST_CASE("REDUCING allows only closing orders and HALTED allows nothing until an explicit reset") {
  GateRig rig;
  const Instrument call = vix_option(make_date(2024, 4, 17), 17, OptionType::Call);
  rig.host.positions_.push_back({call, 4, 1.0, "ladder"});
  CHECK(rig.gate.check_daily_loss({100000, -12000, 0}));
  CHECK(rig.gate.state() == TradingState::Reducing);
  CHECK_FALSE(rig.gate.check_single({call, Side::Buy, 1, 1.0, "ladder"}, rig.host).accepted);
  CHECK(rig.gate.check_single({call, Side::Sell, 4, 0.5, "ladder"}, rig.host).accepted);
  CHECK_FALSE(rig.gate.check_single({call, Side::Sell, 5, 0.5, "ladder"}, rig.host).accepted);

  rig.gate.restrict_to(TradingState::Active, "a rule cannot loosen");
  CHECK(rig.gate.state() == TradingState::Reducing);
  rig.gate.restrict_to(TradingState::Halted, "operator");
  CHECK_FALSE(rig.gate.check_single({call, Side::Sell, 4, 0.5, "ladder"}, rig.host).accepted);
  rig.gate.reset("operator checked the book");
  CHECK(rig.gate.state() == TradingState::Active);
}

TEST_CASE("a daily loss breach blocks new risk for the rest of that session only") {
  GateRig rig;
  const Instrument call = vix_option(make_date(2024, 4, 17), 17, OptionType::Call);
  const Date day1 = make_date(2024, 3, 11), day2 = make_date(2024, 3, 12);
  CHECK_FALSE(rig.gate.begin_session(day1));
  REQUIRE(rig.gate.check_daily_loss({100000, -12000, 0}));
  CHECK(rig.gate.state() == TradingState::Reducing);
  CHECK_FALSE(rig.gate.begin_session(day1));  // same session: still reducing
  CHECK_FALSE(rig.gate.check_single({call, Side::Buy, 1, 1.0, "ladder"}, rig.host).accepted);
  CHECK(rig.gate.begin_session(day2));
  CHECK(rig.gate.state() == TradingState::Active);
  CHECK_THAT(rig.gate.state_reason(), Catch::Matchers::Contains("daily loss limit reset"));
  CHECK(rig.gate.check_single({call, Side::Buy, 1, 1.0, "ladder"}, rig.host).accepted);

  // A rule's REDUCING lasts across sessions until reset(), even over a daily-loss state.
  REQUIRE(rig.gate.check_daily_loss({100000, -12000, 0}));
  rig.gate.restrict_to(TradingState::Reducing, "rule 'panic'");
  CHECK_FALSE(rig.gate.begin_session(make_date(2024, 3, 13)));
  CHECK(rig.gate.state() == TradingState::Reducing);
  CHECK(rig.gate.state_reason() == "rule 'panic'");
}

TEST_CASE("fractional hedge orders count whole-contract equivalents against the per-order limit") {
  RiskGateConfig cfg;
  cfg.max_contracts_per_order = 10;
  GateRig rig(cfg);
  Instrument hundredth = vix_option(make_date(2024, 4, 17), 17, OptionType::Call);
  hundredth.multiplier = 1;
  CHECK(rig.gate.check_single({hundredth, Side::Buy, 1000, 1.0, "ladder"}, rig.host).accepted);  // 10 contracts
  const auto v = rig.gate.check_single({hundredth, Side::Buy, 1001, 1.0, "ladder"}, rig.host);
  CHECK_FALSE(v.accepted);
  CHECK_THAT(v.reason, Catch::Matchers::Contains("10.01 contracts in one leg"));
}

TEST_CASE("the kill switch cancels every working order, flattens, and halts") {
  GateRig rig;
  rig.host.auto_fill = false;
  const Instrument call = vix_option(make_date(2024, 4, 17), 17, OptionType::Call);
  rig.host.positions_.push_back({call, 4, 1.0, "ladder"});
  rig.host.submit_order({call, Side::Buy, 1, 1.0, "ladder"});
  rig.host.submit_combo(condor_order(1));
  rig.gate.kill(rig.host, true, "test");
  CHECK(rig.host.cancelled.size() == 2);
  REQUIRE(rig.host.singles.size() == 2);
  CHECK(rig.host.singles[1].side == Side::Sell);
  CHECK(rig.host.singles[1].quantity == 4);
  CHECK(rig.gate.state() == TradingState::Halted);
  CHECK(rig.host.decisions("kill switch").size() >= 3);
}

TEST_CASE("the portfolio runs condor and ladder under the gate and reports refusals as rejected orders") {
  FakeHost host;
  Market market;
  host.clock_.local = {make_date(2024, 3, 11), 9 * 60 + 30};
  test::use_market(host, market);
  VixLadderConfig ladder;
  ladder.sizing_mode = HedgeSizingMode::FixedUnits;
  RiskGateConfig risk;
  risk.hedge_spend_limit_12m = 500;  // less than one full 4/4/2 unit
  AlvhPortfolio portfolio({}, ladder, risk);
  portfolio.init(host);
  portfolio.on_start();
  for (unsigned day = 11; day <= 12; ++day) {
    const Date d = make_date(2024, 3, day);
    host.clock_.local = {d, 9 * 60 + 30};
    portfolio.on_index_values(test::index_values(host, market));
    portfolio.on_signals({host.clock_.local, {{"term_ratio", 0.9}}, {}});
    host.advance_to({d, 16 * 60}, portfolio);
  }
  CHECK(host.combos.size() == 2);  // one condor per day went through
  REQUIRE(portfolio.condor().latest_exposure().has_value());
  CHECK(host.decisions("reject vix_ladder").size() >= 1);
  CHECK(host.decisions("12-month limit").size() >= 1);
  CHECK(host.decisions("ladder order gate-rejected").size() >= 1);

  // A rule halting trading stops the next condor; only reset_trading() reopens.
  const Date d = make_date(2024, 3, 13);
  host.clock_.local = {d, 9 * 60 + 30};
  portfolio.on_index_values(test::index_values(host, market));
  portfolio.on_signals({host.clock_.local, {}, {{"panic", "vix spike", {SetTradingState{TradingState::Halted}}}}});
  host.advance_to({d, 16 * 60}, portfolio);
  CHECK(host.combos.size() == 2);
  CHECK(portfolio.gate().state() == TradingState::Halted);
  CHECK(host.decisions("trading HALTED").size() >= 1);
  portfolio.reset_trading("test");
  CHECK(portfolio.gate().state() == TradingState::Active);

  AlvhPortfolio restored({}, ladder, risk);
  CHECK(restored.load_state(portfolio.save_state()));
  CHECK(restored.condor().open_condors().size() == portfolio.condor().open_condors().size());
}

TEST_CASE("the order state machine accepts legal transitions only") {
  CHECK(can_transition(OrderState::PendingSubmit, OrderState::Accepted));
  CHECK(can_transition(OrderState::PendingCancel, OrderState::Filled));
  CHECK_FALSE(can_transition(OrderState::Filled, OrderState::Cancelled));
  CHECK_FALSE(can_transition(OrderState::PendingSubmit, OrderState::Filled));
  Order o{"a", std::nullopt, SingleOrder{vix_option(kExpiry, 17, OptionType::Call), Side::Buy, 2, 1.0, ""},
          OrderState::PendingSubmit, 0};
  CHECK(o.apply({"a", OrderState::Accepted, 0, "", {}}));
  CHECK(o.apply({"a", OrderState::PartiallyFilled, 1, "", {}}));
  CHECK_FALSE(o.apply({"a", OrderState::Filled, 3, "", {}}));  // more than ordered
  CHECK(o.apply({"a", OrderState::Filled, 2, "", {}}));
  CHECK(is_terminal(o.state));
}

TEST_CASE("default strategy and gate configs validate") {
  CHECK(validate(VixLadderConfig{}).empty());
  CHECK(validate(RiskGateConfig{}).empty());
  RiskGateConfig bad;
  bad.max_open_condors = 0;
  CHECK(validate(bad).size() == 1);
}
