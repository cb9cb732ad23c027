#include "alvh/broker/paper_broker.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include <unistd.h>

#include "alvh/backtest/replay_engine.hpp"
#include "broker_test_support.hpp"

using namespace alvh;
using namespace alvh::broker;
using namespace alvh::broker::test;

namespace {

// Orders placed at given replay times: by the scripted strategy in the replay, by hand at the broker.
struct ScriptStep {
  ExchangeTime time;
  std::optional<ComboOrder> combo;
  std::optional<SingleOrder> single;
};

std::vector<ScriptStep> script() {
  const Date d1 = make_date(2024, 3, 18), d2 = make_date(2024, 3, 19);
  const Date e1 = make_date(2024, 3, 19), e2 = make_date(2024, 3, 20), apr = make_date(2024, 4, 17);
  return {
      {{d1, hhmm(15, 45)}, condor(e1, "ic:2024-03-18"), {}},
      {{d1, hhmm(15, 50)}, {}, vix_call(e2, 15, 3, "ladder:front")},
      {{d1, hhmm(15, 50)}, {}, vix_call(apr, 18, 2, "ladder:mid")},
      {{d2, hhmm(15, 45)}, condor(e2, "ic:2024-03-19"), {}},
      {{d2, hhmm(15, 50)}, condor(e2, "ic:2024-03-19:close", true), {}},
      {{d2, hhmm(15, 50)}, {}, vix_call(apr, 18, 1, "ladder:mid:close", Side::Sell)},
  };
}

class ScriptedStrategy final : public Strategy {
 public:
  explicit ScriptedStrategy(std::vector<ScriptStep> steps) : steps_(std::move(steps)) {}
  std::string_view name() const override { return "scripted"; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_start() override {
    for (std::size_t i = 0; i < steps_.size(); ++i) ctx_->schedule(steps_[i].time, std::to_string(i));
  }
  void on_timer(const TimerEvent& t) override {
    const ScriptStep& s = steps_.at(std::stoul(t.name));
    if (s.combo) ctx_->submit_combo(*s.combo);
    if (s.single) ctx_->submit_order(*s.single);
  }

 private:
  std::vector<ScriptStep> steps_;
  StrategyContext* ctx_ = nullptr;
};

std::vector<backtest::TradeRecord> replay_trades(Date from, Date to) {
  const BundledMarket& m = bundled();
  const backtest::ReplayMarket market = backtest::replay_market(m.market);
  const backtest::ReplaySettings settings;
  backtest::ReplaySession session(market, settings, "scripted", std::make_unique<ScriptedStrategy>(script()));
  std::vector<std::unique_ptr<backtest::ReplayDay>> days;
  for (std::size_t r = 0; r < m.panel.rows.size(); ++r)
    if (m.panel.rows[r].date >= from && m.panel.rows[r].date <= to)
      days.push_back(std::make_unique<backtest::ReplayDay>(market, settings, r, std::nullopt));
  session.start(*days.front());
  for (auto& d : days) session.step(*d);
  session.stop();
  return session.ledger().trades();
}

// The host's side of the same script: clock at the open, at each order time, at the close.
void drive(PaperBroker& broker, Date from, Date to, const std::vector<ScriptStep>& steps, int* id_counter) {
  const BundledMarket& m = bundled();
  for (const PanelRow& row : m.panel.rows) {
    if (row.date < from || row.date > to) continue;
    broker.set_clock({row.date, hhmm(9, 30)});
    for (const ScriptStep& s : steps) {
      if (s.time.date != row.date) continue;
      broker.set_clock(s.time);
      const std::string id = "paper-" + std::to_string(++*id_counter);
      if (s.combo) CHECK(broker.on_submit_combo(id, *s.combo).accepted);
      if (s.single) CHECK(broker.on_submit_order(id, *s.single).accepted);
    }
    broker.set_clock({row.date, m.market.close_minutes(row.date)});
  }
}

// The replay's fill records against the fills the broker published: same legs, prices and fees, in order.
void check_same(const std::vector<backtest::TradeRecord>& replay, const std::vector<Fill>& published) {
  std::vector<backtest::TradeRecord> a;
  for (const auto& t : replay)
    if (t.action != "settle") a.push_back(t);
  std::vector<LegFill> b;
  for (const Fill& f : published) b.insert(b.end(), f.legs.begin(), f.legs.end());
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("leg " << i << ": " << a[i].symbol << " " << a[i].action << " vs " << symbol(b[i].instrument));
    CHECK(a[i].symbol == symbol(b[i].instrument));
    CHECK(a[i].quantity == (b[i].side == Side::Buy ? b[i].quantity : -b[i].quantity));
    CHECK(a[i].price == b[i].price);  // bit-identical: same venue, same fill arithmetic
    REQUIRE(b[i].commission);
    CHECK(a[i].fees == *b[i].commission);
  }
}

double replay_cash_flow(const std::vector<backtest::TradeRecord>& trades) {
  double cash = 0;
  for (const auto& t : trades) cash += t.cash;
  return cash;
}

}  // namespace

TEST_CASE("the paper broker books exactly the trades the replay engine books for the same orders", "[broker]") {
  const Date from = make_date(2024, 3, 18), to = make_date(2024, 3, 20);
  const auto expected = replay_trades(from, to);
  PaperBroker broker(bundled().market);
  RecordingPublisher pub;
  broker.set_publisher(&pub);
  int ids = 0;
  drive(broker, from, to, script(), &ids);
  INFO("replay trades: " << expected.size());
  // 4 + 1 + 1 fills on day 1, 4 + 4 + 1 on day 2, SPXW settled at the close of the 19th, VIX at the open of the 20th.
  CHECK(expected.size() > 15);
  check_same(expected, pub.fills);
  CHECK_THAT(broker.venue().cash(), Catch::Matchers::WithinAbs(replay_cash_flow(expected), 1e-6));
  CHECK(pub.fills.size() == 6);
  CHECK(pub.settlements.size() >= 5);
  // Only the April VIX calls are left (2 bought, 1 sold).
  const auto positions = broker.positions();
  REQUIRE(positions.size() == 1);
  CHECK(positions[0].instrument.root == "VIX");
  CHECK(positions[0].quantity == 1);
}

TEST_CASE("the paper broker publishes accepted, filled and the fill at the replay time of the order", "[broker]") {
  PaperBroker broker(bundled().market);
  RecordingPublisher pub;
  broker.set_publisher(&pub);
  const ExchangeTime t{make_date(2024, 3, 18), hhmm(15, 45)};
  broker.set_clock(t);
  const ComboOrder order = condor(make_date(2024, 3, 19), "ic:2024-03-18");
  REQUIRE(broker.on_submit_combo("ic-1", order).accepted);
  REQUIRE(pub.events.size() == 2);
  CHECK(pub.events[0].state == OrderState::Accepted);
  CHECK(pub.events[1].state == OrderState::Filled);
  CHECK(pub.events[1].filled_quantity == 2);
  REQUIRE(pub.fills.size() == 1);
  const Fill& f = pub.fills[0];
  CHECK(f.time == venue::replay_timestamp(t.date, t.minutes));
  CHECK(f.effect == PriceEffect::Credit);
  CHECK(f.legs.size() == 4);
  // Leg prices are the model mid -/+ the fill model's slippage.
  std::vector<venue::LegOrder> legs;
  for (const ComboLeg& l : order.legs)
    legs.push_back({l.instrument, l.side == Side::Buy ? 1 : -1, bundled().market.quote(l.instrument, t)->quote.mid()});
  const auto expected = bundled().market.fills().fill(legs, 2);
  CAPTURE(expected.net_price, f.net_price);
  CHECK(f.net_price == std::fabs(expected.net_price));
  CHECK(f.commission == expected.fees);
  for (std::size_t i = 0; i < 4; ++i) CHECK(f.legs[i].price == expected.legs[i].price);
  const auto snap = broker.on_snapshot();
  CHECK(snap.positions.size() == 4);
  CHECK(snap.open_orders.empty());
}

TEST_CASE("the paper broker refuses orders it cannot price and clocks that move backwards", "[broker]") {
  PaperBroker broker(bundled().market);
  RecordingPublisher pub;
  broker.set_publisher(&pub);
  // Before any clock the command fails as a handler error (not stored, so it can be retried).
  CHECK_THROWS_AS(broker.on_submit_combo("early", condor(make_date(2024, 3, 19), "ic")), std::runtime_error);
  broker.set_clock({make_date(2024, 3, 18), hhmm(15, 45)});
  // Expired before the day: the venue does not list it any more.
  const auto v = broker.on_submit_order("old", vix_call(make_date(2024, 2, 14), 15, 1, "ladder:front"));
  CHECK_FALSE(v.accepted);
  CHECK_THAT(v.reason, Catch::Matchers::Contains("expiry 2024-02-14 is past"));
  CHECK(pub.fills.empty());
  CHECK_THROWS_AS(broker.set_clock({make_date(2024, 3, 18), hhmm(15, 0)}), std::invalid_argument);
  CHECK_FALSE(broker.on_cancel("old").accepted);
  CHECK_FALSE(broker.on_cancel("never-seen").accepted);
}

TEST_CASE("a restarted paper broker rebuilds positions from its journal and never executes an id twice", "[broker]") {
  std::vector<JournalEntry> journal;
  const Date from = make_date(2024, 3, 18), to = make_date(2024, 3, 19);
  double cash_before = 0;
  std::vector<Position> positions;
  {
    PaperBroker broker(bundled().market, {}, [&](const JournalEntry& e) { journal.push_back(e); });
    int ids = 0;
    drive(broker, from, to, script(), &ids);
    cash_before = broker.venue().cash();
    positions = broker.positions();
  }
  // Through the text form, as the --state file stores it.
  std::vector<JournalEntry> reread;
  for (const auto& e : journal) reread.push_back(decode_journal_entry(encode_journal_entry(e)));
  PaperBroker restarted(bundled().market);
  RecordingPublisher pub;
  restarted.set_publisher(&pub);
  restarted.restore(reread);
  CHECK(restarted.venue().cash() == cash_before);
  REQUIRE(restarted.positions().size() == positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    CHECK(symbol(restarted.positions()[i].instrument) == symbol(positions[i].instrument));
    CHECK(restarted.positions()[i].quantity == positions[i].quantity);
    CHECK(restarted.positions()[i].average_price == positions[i].average_price);
  }
  REQUIRE(restarted.clock());
  CHECK(*restarted.clock() == ExchangeTime{to, hhmm(16, 0)});
  // The strategy re-sends its first order after the restart: answered as a duplicate with its
  // recorded outcome (the events and the fill published again), not filled again.
  const auto again = restarted.on_submit_combo("paper-1", condor(make_date(2024, 3, 19), "ic:2024-03-18"));
  CHECK(again.accepted);
  CHECK(again.duplicate);
  REQUIRE(pub.events.size() == 2);
  CHECK(pub.events[0].state == OrderState::Accepted);
  CHECK(pub.events[1].state == OrderState::Filled);
  REQUIRE(pub.fills.size() == 1);
  const Fill& f = pub.fills[0];
  CHECK(f.id == "paper-1");
  CHECK(f.quantity == pub.events[1].filled_quantity);
  CHECK(f.effect == PriceEffect::Credit);
  CHECK(f.legs.size() == 4);
  const auto recorded = restarted.orders().at("paper-1");
  REQUIRE(recorded.fill);
  CAPTURE(f.net_price, recorded.fill->fill.net_price);
  CHECK(f.net_price == std::fabs(recorded.fill->fill.net_price));
  CHECK(f.commission == recorded.fill->fill.fees);
  CHECK(restarted.venue().cash() == cash_before);
  // The same id again in the same process (the server's in-process record answered it): published again.
  restarted.on_duplicate("paper-1");
  CHECK(pub.fills.size() == 2);
  CHECK(restarted.venue().cash() == cash_before);
}

TEST_CASE("the journal skips a torn last line and rejects a broken line in the middle", "[broker]") {
  const auto dir = std::filesystem::temp_directory_path() / ("alvh-broker-journal-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "state.jsonl";
  std::filesystem::remove(file);
  {
    JournalWriter w(file);
    w.append(ClockEntry{{make_date(2024, 3, 18), 570}});
    w.append(ClockEntry{{make_date(2024, 3, 18), 945}});
  }
  { std::ofstream(file, std::ios::app) << R"({"kind":"clock","time":{"da)"; }
  CHECK(read_journal(file).size() == 2);
  {
    JournalWriter w(file);  // cuts the torn line before appending
    w.append(ClockEntry{{make_date(2024, 3, 18), 960}});
  }
  const auto entries = read_journal(file);
  REQUIRE(entries.size() == 3);
  CHECK(std::get<ClockEntry>(entries[2]).time.minutes == 960);
  { std::ofstream(file, std::ios::app) << "garbage\n" << R"({"kind":"clock","time":{"date":"2024-03-19","minutes":570}})" << "\n"; }
  CHECK_THROWS_WITH(read_journal(file), Catch::Matchers::Contains(":4:"));
  std::filesystem::remove_all(dir);
}
