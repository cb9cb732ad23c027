#include <catch2/catch.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "alvh/backtest/model_executor.hpp"
#include "alvh/backtest/order_executor.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "../support/closed_form_pricer.hpp"
#include "replay_fixture.hpp"

using namespace alvh;
using namespace alvh::backtest;
using Catch::Matchers::WithinAbs;

namespace {

// A venue of its own: fills every order at the model mid without fees (the engine's default model
// would charge slippage and fees), refuses orders tagged "refuse:", and records what it was told.
class FakeExecutor final : public OrderExecutor {
 public:
  struct Received {
    ClientOrderId id;
    std::string tag;
    ExchangeTime time;
    std::vector<venue::LegOrder> legs;
    bool combo = false;
  };
  FakeExecutor(const DailyPanel& panel, const OptionPricer& pricer, const ExchangeCalendar& calendar)
      : no_costs_(panel, pricer, calendar, {}, venue::FillParams{0, 0, 0, 0, 0, 0, 0, 0}), at_mid_(no_costs_, {}) {}
  std::vector<Received> orders;
  std::vector<ExchangeTime> clock;
  std::vector<Settlement> settled_by_engine;
  int deliveries = 0;

  std::vector<Settlement> advance(ExchangeTime now) override {
    clock.push_back(now);
    return at_mid_.advance(now);
  }
  void before_delivery() override { ++deliveries; }
  void settled(const std::vector<Settlement>& s) override {
    settled_by_engine.insert(settled_by_engine.end(), s.begin(), s.end());
  }
  std::optional<std::string> refuse(const ExecutorOrder& o) override {
    if (o.tag().starts_with("refuse:")) return "closed venue";
    return std::nullopt;
  }
  Execution execute(const ExecutorOrder& o) override {
    orders.push_back({o.id, o.tag(), o.time, o.legs, o.combo != nullptr});
    return at_mid_.execute(o);
  }

 private:
  venue::SimulatedMarket no_costs_;
  ModelExecutor at_mid_;
};

// Sells one condor from the chain at the first 15:45 timer and tries one order the venue refuses.
class OneCondor final : public Strategy {
 public:
  explicit OneCondor(std::shared_ptr<test::Observed> seen) : seen_(std::move(seen)) {}
  std::string_view name() const override { return "one condor"; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_start() override { ctx_->schedule({ctx_->clock().now_local().date, hhmm(15, 45)}, "entry"); }
  void on_timer(const TimerEvent& t) override {
    ctx_->request_chain({"SPXW", {ctx_->calendar().next_trading_day(t.scheduled.date)}});
    ctx_->submit_order({vix_option(make_date(2024, 4, 17), 18, OptionType::Call), Side::Buy, 1, 5.0, "refuse:hedge"});
  }
  void on_option_chain(const OptionChainSnapshot& chain) override { ctx_->submit_combo(test::condor_from(chain, 2)); }
  void on_fill(const Fill& f) override { seen_->fills.push_back(f); }
  void on_settlement(const Settlement& s) override { seen_->settlements.push_back(s); }
  void on_order_event(const OrderEvent& e) override { seen_->events.push_back(e); }

 private:
  std::shared_ptr<test::Observed> seen_;
  StrategyContext* ctx_ = nullptr;
};

}  // namespace

TEST_CASE("a plugged-in executor receives the engine's priced orders and the engine books the fills it returns",
          "[backtest][replay][executor]") {
  const DailyPanel panel = test::crash_panel();
  test::ClosedFormPricer pricer;
  test::WeekdayCalendar calendar;
  const venue::OptionModel model(pricer);
  const venue::FillModel fills;
  const ReplayMarket market{&panel, &calendar, &pricer, &model, &fills};
  const ReplaySettings settings;
  auto seen = std::make_shared<test::Observed>();
  OneCondor strategy(seen);
  FakeExecutor venue(panel, pricer, calendar);
  ReplaySession session(market, settings, "fake venue", strategy, venue);
  std::vector<std::unique_ptr<ReplayDay>> days;
  for (std::size_t r = 0; r < 2; ++r) {  // the condor is sold on day 0 and settles at day 1's close
    days.push_back(std::make_unique<ReplayDay>(market, settings, r, std::nullopt));
    if (r == 0) session.start(*days.back());
    session.step(*days.back());
  }
  session.stop();
  const Date day0 = panel.rows[0].date, day1 = panel.rows[1].date;
  CAPTURE(to_iso(day0), to_iso(day1), venue.orders.size(), seen->fills.size());

  // The refused hedge never reached execute(); the condor arrived priced at the 15:45 model mids.
  REQUIRE(venue.orders.size() == 1);
  const auto& got = venue.orders.front();
  CHECK(got.combo);
  CHECK(got.tag == "ic:" + to_iso(day1));
  CHECK(got.time == ExchangeTime{day0, hhmm(15, 45)});
  REQUIRE(got.legs.size() == 4);
  CHECK(got.legs[0].ratio == 1);
  CHECK(got.legs[1].ratio == -1);
  const auto rejected = std::count_if(seen->events.begin(), seen->events.end(), [](const OrderEvent& e) {
    return e.state == OrderState::Rejected && e.reason == "closed venue";
  });
  CHECK(rejected == 1);

  // The ledger booked the venue's fill (mid, no fees), not the engine's default model fill.
  const auto& trades = session.ledger().trades();
  std::vector<TradeRecord> opens;
  for (const TradeRecord& t : trades)
    if (t.action == "open") opens.push_back(t);
  REQUIRE(opens.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i, opens[i].symbol, opens[i].price, got.legs[i].mid);
    CHECK(opens[i].symbol == symbol(got.legs[i].instrument));
    CHECK(opens[i].quantity == 2 * got.legs[i].ratio);
    CHECK_THAT(opens[i].price, WithinAbs(got.legs[i].mid, 1e-12));
    CHECK(opens[i].fees == 0.0);
  }
  REQUIRE(seen->fills.size() == 1);
  CHECK(seen->fills.front().id == got.id);
  CHECK(seen->fills.front().quantity == 2);
  CHECK(seen->fills.front().commission == 0.0);

  // The engine told the venue every time it moved to and every settlement before delivering it.
  auto minutes_on = [&](Date d) {
    std::set<int> m;
    for (const ExchangeTime& t : venue.clock)
      if (t.date == d) m.insert(t.minutes);
    return m;
  };
  CHECK(minutes_on(day0) == std::set<int>{hhmm(9, 0), hhmm(9, 30), hhmm(15, 40), hhmm(15, 45), hhmm(16, 0)});
  CHECK(minutes_on(day1) == std::set<int>{hhmm(9, 30), hhmm(15, 40), hhmm(16, 0)});
  CHECK(venue.settled_by_engine.size() == 4);
  CHECK(seen->settlements.size() == 4);
  CHECK(venue.deliveries > 0);
  CHECK(session.daily().size() == 2);
}
