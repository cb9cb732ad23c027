// The StrategyContext contract (core/include/alvh/core/strategy_context.hpp, docs/strategy-api.md),
// checked the same way on every implementation a test can build: the replay engine's own context
// (alvh backtest), and the journaled context over it (alvh-host's paper session puts the journal in
// front of the engine). The plug-in's host context is held to the same rules through the C ABI by
// tests/plugin. One probe strategy records what it observes; the assertions are shared.
#include <catch2/catch.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "../../backtest/replay_fixture.hpp"
#include "../../support/closed_form_pricer.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/journal/journal.hpp"
#include "alvh/journal/journaled_context.hpp"
#include "alvh/venue/simulated_market.hpp"
#include "journal_test_support.hpp"

using namespace alvh;

namespace {

struct Seen {
  std::vector<ClientOrderId> ids;
  std::vector<TimerId> timers;
  std::vector<OrderEvent> events;
  std::vector<Fill> fills;
  int chains = 0;
  int reentrant = 0;          // deliveries while a callback was still running
  int timers_fired = 0;
  int cancelled_timer_fired = 0;
  bool restore_roundtrip = false, restore_unknown_empty = false;
  bool clock_monotonic = true;
  double start_equity = 0;
};

// Exercises every part of the contract from inside its callbacks.
class ContractProbe final : public Strategy {
 public:
  explicit ContractProbe(std::shared_ptr<Seen> seen) : seen_(std::move(seen)) {}
  std::string_view name() const override { return "contract probe"; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_start() override {
    Guard g(*this);
    seen_->start_equity = ctx_->account().equity;
    ctx_->persist("probe", "blob-1");
    seen_->restore_roundtrip = ctx_->restore("probe") == std::optional<std::string>("blob-1");
    seen_->restore_unknown_empty = !ctx_->restore("never-stored").has_value();
    const Date d = ctx_->clock().now_local().date;
    seen_->timers.push_back(ctx_->schedule({d, hhmm(15, 45)}, "entry"));
    const TimerId dropped = ctx_->schedule({d, hhmm(15, 46)}, "dropped");
    seen_->timers.push_back(dropped);
    dropped_ = dropped;
    ctx_->cancel_timer(dropped);
    ctx_->cancel_timer(987654321);  // unknown: no effect, no throw
    last_ = ctx_->clock().now_utc();
  }
  void on_timer(const TimerEvent& t) override {
    Guard g(*this);
    tick();
    ++seen_->timers_fired;
    if (t.id == dropped_) ++seen_->cancelled_timer_fired;
    ctx_->request_chain({"SPXW", {ctx_->calendar().next_trading_day(t.scheduled.date)}});
    // A malformed order still gets an id, and a Rejected event later (never an exception).
    seen_->ids.push_back(ctx_->submit_combo(ComboOrder{}));
  }
  void on_option_chain(const OptionChainSnapshot& chain) override {
    Guard g(*this);
    tick();
    ++seen_->chains;
    if (seen_->chains == 1) seen_->ids.push_back(ctx_->submit_combo(test::condor_from(chain, 1)));
  }
  void on_order_event(const OrderEvent& e) override {
    Guard g(*this);
    seen_->events.push_back(e);
  }
  void on_fill(const Fill& f) override {
    Guard g(*this);
    seen_->fills.push_back(f);
  }

 private:
  struct Guard {
    ContractProbe& p;
    explicit Guard(ContractProbe& probe) : p(probe) {
      if (p.inside_) ++p.seen_->reentrant;
      p.inside_ = true;
    }
    ~Guard() { p.inside_ = false; }
  };
  void tick() {
    const Timestamp now = ctx_->clock().now_utc();
    if (now < last_) seen_->clock_monotonic = false;
    last_ = now;
  }
  std::shared_ptr<Seen> seen_;
  StrategyContext* ctx_ = nullptr;
  TimerId dropped_ = 0;
  Timestamp last_{};
  bool inside_ = false;
};

void check_contract(const Seen& s, double initial_equity) {
  CAPTURE(s.ids.size(), s.events.size(), s.fills.size(), s.chains, s.timers_fired, initial_equity);
  CHECK(s.start_equity == initial_equity);
  CHECK(s.restore_roundtrip);
  CHECK(s.restore_unknown_empty);
  REQUIRE(s.timers.size() == 2);
  CHECK(s.timers[0] != s.timers[1]);
  CHECK(s.cancelled_timer_fired == 0);
  CHECK(s.timers_fired >= 1);
  CHECK(s.chains >= 1);
  CHECK(s.reentrant == 0);  // events caused by a call arrive after the callback returns
  CHECK(s.clock_monotonic);
  // Ids: always returned, never empty, unique for the session.
  REQUIRE(s.ids.size() >= 2);
  const std::set<ClientOrderId> unique(s.ids.begin(), s.ids.end());
  CHECK(unique.size() == s.ids.size());
  for (const auto& id : s.ids) CHECK_FALSE(id.empty());
  // The malformed order is rejected with a reason; the condor is accepted and filled once.
  bool rejected = false, filled = false;
  for (const OrderEvent& e : s.events) {
    if (e.id == s.ids[0] && e.state == OrderState::Rejected) rejected = !e.reason.empty();
    if (e.id == s.ids[1] && e.state == OrderState::Filled) filled = true;
  }
  CHECK(rejected);
  CHECK(filled);
  REQUIRE(s.fills.size() == 1);
  CHECK(s.fills[0].id == s.ids[1]);
}

struct Market {
  DailyPanel panel = test::crash_panel();
  test::ClosedFormPricer pricer;
  test::WeekdayCalendar calendar;
  venue::SimulatedMarket venue{panel, pricer, calendar};
  backtest::ReplayMarket market = backtest::replay_market(venue);
  backtest::ReplaySettings settings;
};

// Steps the first two days of the fixture panel with `facing` (or the engine's own context).
void run(Market& m, backtest::ReplaySession& session, StrategyContext* facing) {
  std::vector<std::unique_ptr<backtest::ReplayDay>> days;
  for (std::size_t r = 0; r < 2; ++r) {
    days.push_back(std::make_unique<backtest::ReplayDay>(m.market, m.settings, r, std::nullopt));
    if (r == 0) session.start(*days.back(), facing);
    session.step(*days.back());
  }
  session.stop();
}

}  // namespace

TEST_CASE("the replay engine's own context keeps the StrategyContext contract", "[contract]") {
  Market m;
  auto seen = std::make_shared<Seen>();
  backtest::ReplaySession session(m.market, m.settings, "contract", std::make_unique<ContractProbe>(seen));
  run(m, session, nullptr);
  check_contract(*seen, m.settings.initial_equity);
}

TEST_CASE("the journaled context in front of the engine keeps the StrategyContext contract", "[contract]") {
  Market m;
  journal::test::TempDir dir;
  journal::Journal journal(dir / "contract.sqlite");
  auto seen = std::make_shared<Seen>();
  backtest::ReplaySession session(m.market, m.settings, "contract", std::make_unique<ContractProbe>(seen));
  journal::JournaledContext facing(session.context(), journal, "paper");
  run(m, session, &facing);
  check_contract(*seen, m.settings.initial_equity);
  // The journal saw every order before the engine did: one intent per id.
  CHECK(journal.intents().size() == seen->ids.size());
}
