#include <catch2/catch.hpp>

#include <algorithm>

#include "alvh/strategies/iron_condor_strategy.hpp"
#include "support/market_fixture.hpp"

using namespace alvh;
using namespace alvh::strategies;
using alvh::test::FakeHost;
using alvh::test::Market;

namespace {

struct CondorRig {
  FakeHost host;
  Market market;
  IronCondorStrategy strategy;
  explicit CondorRig(IronCondorConfig cfg = {}, Date start = make_date(2024, 3, 11)) : strategy(std::move(cfg)) {
    host.clock_.local = {start, 9 * 60 + 30};
    test::use_market(host, market);
    strategy.init(host);
    strategy.on_start();
  }
  // One session: morning index values and signals, then the clock runs to the close.
  void run_day(Date d, std::vector<FiredRule> fired = {}) {
    host.clock_.local = {d, 9 * 60 + 30};
    strategy.on_index_values(test::index_values(host, market));
    strategy.on_signals({host.clock_.local, {}, std::move(fired)});
    host.advance_to({d, 16 * 60}, strategy);
  }
};

}  // namespace

TEST_CASE("a normal week opens one 4-leg 1DTE condor per day at 15:45 for a net credit") {
  CondorRig rig;
  for (unsigned day = 11; day <= 15; ++day) rig.run_day(make_date(2024, 3, day));
  REQUIRE(rig.host.combos.size() == 5);
  for (std::size_t i = 0; i < rig.host.combos.size(); ++i) {
    const auto& o = rig.host.combos[i];
    CAPTURE(i, o.limit, o.quantity);
    REQUIRE(o.legs.size() == 4);
    CHECK(o.effect == PriceEffect::Credit);
    CHECK(o.limit >= 0.70);
    const auto& sp = o.legs[0].instrument;
    const auto& lp = o.legs[1].instrument;
    const auto& sc = o.legs[2].instrument;
    const auto& lc = o.legs[3].instrument;
    CHECK(o.legs[0].side == Side::Sell);
    CHECK(o.legs[1].side == Side::Buy);
    CHECK(sp.strike - lp.strike == 25);
    CHECK(lc.strike - sc.strike == 25);
    CHECK(std::fmod(sp.strike, 5.0) == 0);
    CHECK(sp.strike < 5100);
    CHECK(sc.strike > 5100);
    // Expiry is the next trading day; max loss fits the 5000 $ budget.
    const Date trade_day = make_date(2024, 3, static_cast<unsigned>(11 + i));
    const Date expected = i == 4 ? make_date(2024, 3, 18) : add_days(trade_day, 1);
    CHECK(sp.expiry == expected);
    CHECK((25 - o.limit) * 100 * o.quantity <= 5000);
    CHECK((25 - o.limit) * 100 * (o.quantity + 1) > 5000);
  }
  CHECK(rig.host.decisions("open condor").size() == 5);
  // The entry happened at 15:45 New York time.
  CHECK(rig.host.decisions("2024-03-11 15:45 open condor").size() == 1);
}

TEST_CASE("a host that reads no decision texts gets the same orders and the same number of decisions, with the texts left unbuilt") {
  CondorRig reading, silent;
  silent.host.reads_decisions = false;
  for (unsigned day = 11; day <= 15; ++day) {
    reading.run_day(make_date(2024, 3, day));
    silent.run_day(make_date(2024, 3, day));
  }
  REQUIRE(silent.host.combos.size() == reading.host.combos.size());
  for (std::size_t i = 0; i < reading.host.combos.size(); ++i) {
    CAPTURE(i);
    CHECK(silent.host.combos[i].limit == reading.host.combos[i].limit);
    CHECK(silent.host.combos[i].quantity == reading.host.combos[i].quantity);
  }
  const auto count = [](const FakeHost& h) {
    return std::count_if(h.logs.begin(), h.logs.end(), [](const auto& l) { return l.level == LogLevel::Decision; });
  };
  CHECK(count(silent.host) == count(reading.host));
  CHECK(reading.host.decisions("open condor").size() == 5);
  CHECK(silent.host.decisions("open condor").empty());  // built only for a reader
}

TEST_CASE("the short strikes sit near the configured delta") {
  CondorRig rig;
  rig.run_day(make_date(2024, 3, 11));
  REQUIRE(rig.host.combos.size() == 1);
  const auto& o = rig.host.combos[0];
  // With 14% vol and ~1 day to expiry the 10-delta strikes are roughly 1.3 sd from spot.
  const double sd = 5100 * 0.14 * std::sqrt(1.0 / 365);
  CAPTURE(o.legs[0].instrument.strike, o.legs[2].instrument.strike, sd);
  CHECK(5100 - o.legs[0].instrument.strike == Approx(1.35 * sd).margin(0.35 * sd));
  CHECK(o.legs[2].instrument.strike - 5100 == Approx(1.2 * sd).margin(0.35 * sd));
}

TEST_CASE("the expected-move method places the shorts outside the move on the 5-point grid") {
  IronCondorConfig cfg;
  cfg.short_strike_method = ShortStrikeMethod::ExpectedMove;
  cfg.em_multiple = 1.2;
  cfg.min_credit = 0.10;
  CondorRig rig(cfg);
  rig.run_day(make_date(2024, 3, 11));
  REQUIRE(rig.host.combos.size() == 1);
  const auto& o = rig.host.combos[0];
  CHECK(rig.host.decisions("x expected move").size() == 1);
  CHECK(o.legs[0].instrument.strike <= 5100 - 1.2 * 5100 * 0.13 * std::sqrt(1.0 / 365));
}

TEST_CASE("a holiday eve trades into the expiry after the holiday and an early close moves the entry") {
  IronCondorConfig cfg;
  CondorRig rig(cfg, make_date(2024, 3, 28));
  rig.host.calendar_.holidays = {"2024-03-29", "2024-07-04"};
  rig.host.calendar_.early_closes = {"2024-07-03"};
  rig.run_day(make_date(2024, 3, 28));
  REQUIRE(rig.host.combos.size() == 1);
  CHECK(rig.host.combos[0].legs[0].instrument.expiry == make_date(2024, 4, 1));

  rig.host.timers.clear();
  rig.host.clock_.local = {make_date(2024, 7, 3), 9 * 60 + 30};
  rig.strategy.on_start();
  rig.run_day(make_date(2024, 7, 3));
  REQUIRE(rig.host.combos.size() == 2);
  CHECK(rig.host.decisions("2024-07-03 12:45 open condor").size() == 1);
  CHECK(rig.host.combos[1].legs[0].instrument.expiry == make_date(2024, 7, 5));
}

TEST_CASE("before 2022 a day without a next-day expiry is skipped or uses the nearest expiry, as configured") {
  {
    CondorRig rig({}, make_date(2019, 6, 10));
    rig.run_day(make_date(2019, 6, 10));  // Monday; Tuesday had no SPXW expiry
    CHECK(rig.host.combos.empty());
    CHECK(rig.host.decisions("skip condor").size() == 1);
    CHECK(rig.host.decisions("policy: skip").size() == 1);
  }
  {
    IronCondorConfig cfg;
    cfg.missing_expiry = MissingExpiryPolicy::NearestWithin;
    cfg.nearest_within_trading_days = 2;
    CondorRig rig(cfg, make_date(2019, 6, 10));
    rig.run_day(make_date(2019, 6, 10));
    REQUIRE(rig.host.combos.size() == 1);
    CHECK(rig.host.combos[0].legs[0].instrument.expiry == make_date(2019, 6, 12));
    CHECK(rig.host.decisions("using nearest expiry 2019-06-12 within 2 trading days").size() == 1);
  }
}

TEST_CASE("the VIX gate blocks new condors at VIX 20 and above") {
  CondorRig rig;
  rig.market.vix = 22;
  rig.run_day(make_date(2024, 3, 11));
  CHECK(rig.host.combos.empty());
  CHECK(rig.host.decisions("VIX gate").size() == 1);
  rig.market.vix = 17;
  rig.run_day(make_date(2024, 3, 12));
  CHECK(rig.host.combos.size() == 1);
}

TEST_CASE("a skip rule prevents the entry and a scale rule shrinks it, each logged by rule name") {
  CondorRig rig;
  rig.run_day(make_date(2024, 3, 11), {{"fomc_day", "calendar flag", {SkipCondor{}}}});
  CHECK(rig.host.combos.empty());
  CHECK(rig.host.decisions("rule 'fomc_day' fired").size() == 1);

  rig.run_day(make_date(2024, 3, 12));
  REQUIRE(rig.host.combos.size() == 1);
  const int full = rig.host.combos[0].quantity;
  rig.run_day(make_date(2024, 3, 13), {{"turbulent", "score 3", {ScaleCondor{0.5}}}});
  REQUIRE(rig.host.combos.size() == 2);
  CAPTURE(full, rig.host.combos[1].quantity);
  CHECK(rig.host.combos[1].quantity < full);
  CHECK(rig.host.decisions("rule 'turbulent' scales size").size() == 1);
}

TEST_CASE("a credit below the minimum produces no order and a logged reason") {
  IronCondorConfig cfg;
  cfg.min_credit = 5.0;
  CondorRig rig(cfg);
  rig.run_day(make_date(2024, 3, 11));
  CHECK(rig.host.combos.empty());
  CHECK(rig.host.decisions("below min_credit").size() == 1);
}

TEST_CASE("bad quotes on a condor leg produce no order and a logged reason") {
  struct Case {
    const char* name;
    std::function<void(Quote&, Timestamp)> spoil;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"NaN", [](Quote& q, Timestamp) { q.bid = std::nan(""); }, "NaN"},
      {"crossed", [](Quote& q, Timestamp) { q.bid = q.ask + 0.5; }, "crossed"},
      {"zero bid", [](Quote& q, Timestamp) { q.bid = 0; }, "zero bid"},
      {"stale", [](Quote& q, Timestamp now) { q.time = now - std::chrono::minutes{30}; }, "stale"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      CondorRig rig;
      rig.host.chain_provider = [&](const ChainRequest& r) {
        auto chain = test::spxw_chain(rig.host, rig.market, r.expiries.at(0));
        for (auto& q : chain.quotes)  // only the far put wings, so strike selection still works
          if (q.instrument.right == OptionType::Put && q.instrument.strike <= 5025) c.spoil(q, rig.host.clock_.now_utc());
        return chain;
      };
      rig.run_day(make_date(2024, 3, 11));
      CHECK(rig.host.combos.empty());
      CHECK(rig.host.decisions(c.reason).size() == 1);
    }
  }
}

TEST_CASE("an optional stop closes the condor as one debit combo when intraday quotes breach it") {
  IronCondorConfig cfg;
  cfg.stop_loss_multiple = 2.0;
  CondorRig rig(cfg);
  rig.run_day(make_date(2024, 3, 11));
  REQUIRE(rig.strategy.open_condors().size() == 1);
  const auto condor = rig.strategy.open_condors()[0];
  // Next morning SPX gaps down into the short put.
  rig.host.clock_.local = {make_date(2024, 3, 12), 10 * 60};
  Market crash = rig.market;
  crash.spx = condor.short_put - 5;
  crash.spx_vol = 0.35;
  const auto chain = test::spxw_chain(rig.host, crash, condor.expiry);
  rig.strategy.on_quotes({rig.host.clock_.local, chain.quotes});
  rig.host.deliver(rig.strategy);
  REQUIRE(rig.host.combos.size() == 2);
  CHECK(rig.host.combos[1].effect == PriceEffect::Debit);
  CHECK(rig.host.combos[1].legs[0].side == Side::Buy);
  CHECK(rig.host.decisions("stop: debit to close").size() == 1);
  CHECK(rig.strategy.open_condors().empty());
}

TEST_CASE("condor state survives save and load") {
  CondorRig rig;
  rig.run_day(make_date(2024, 3, 11));
  const auto blob = rig.strategy.save_state();
  IronCondorStrategy restored{IronCondorConfig{}};
  REQUIRE(restored.load_state(blob));
  REQUIRE(restored.open_condors().size() == 1);
  CHECK(restored.open_condors()[0].short_put == rig.strategy.open_condors()[0].short_put);
  CHECK_FALSE(restored.load_state("garbage 1 2"));
}

TEST_CASE("the default condor config validates and a broken one lists every problem") {
  CHECK(validate(IronCondorConfig{}).empty());
  IronCondorConfig bad;
  bad.wing_width = -5;
  bad.short_delta = 0.7;
  CHECK(validate(bad).size() == 3);  // width, delta, and min_credit vs width
}
