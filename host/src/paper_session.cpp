#include "alvh/host/paper_session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/backtest/order_executor.hpp"
#include "alvh/backtest/replay_day_inputs.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/journal/journaled_context.hpp"
#include "alvh/venue/simulated_market.hpp"
#include "alvh/journal/reconciler.hpp"

namespace alvh::host {

namespace {

using namespace alvh::backtest;
using namespace alvh::venue;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr std::string_view kSessionKey = "paper_session";
constexpr std::string_view kHostKey = "paper_host";

class Session;

// What the strategy talks to: the journaled context, plus the answers to orders the journal already
// holds (take_replay) turned into the events the strategy would have seen.
class StrategyFacing final : public StrategyContext {
 public:
  StrategyFacing(Session& s, journal::JournaledContext& j) : s_(s), j_(j) {}
  const Clock& clock() const override { return j_.clock(); }
  const ExchangeCalendar& calendar() const override { return j_.calendar(); }
  const OptionPricer& pricer() const override { return j_.pricer(); }
  double risk_free_rate() const override { return j_.risk_free_rate(); }
  ClientOrderId submit_combo(const ComboOrder& order) override;
  ClientOrderId submit_order(const SingleOrder& order) override;
  void cancel(const ClientOrderId& id) override { j_.cancel(id); }
  std::vector<Order> open_orders() const override { return j_.open_orders(); }
  std::vector<Position> positions() const override { return j_.positions(); }
  PortfolioGreeks portfolio_greeks() const override { return j_.portfolio_greeks(); }
  AccountSummary account() const override { return j_.account(); }
  void request_chain(const ChainRequest& r) override { j_.request_chain(r); }
  TimerId schedule(ExchangeTime when, std::string name) override { return j_.schedule(when, std::move(name)); }
  void cancel_timer(TimerId id) override { j_.cancel_timer(id); }
  void log(LogLevel level, std::string_view source, std::string_view message) override { j_.log(level, source, message); }
  void persist(std::string_view key, std::string_view blob) override;
  std::optional<std::string> restore(std::string_view key) const override { return j_.restore(key); }

 private:
  Session& s_;
  journal::JournaledContext& j_;
};

// The paper host around the replay engine: the engine runs the day script and books what the
// backend reports; this is its executor (orders to the backend through the journal, fills compared
// with the model's reference fill), its clock announcer (the broker's clock channel, when there is
// one) and the journal's execution port.
class Session final : public OrderExecutor, public journal::ChosenIdExecution {
 public:
  Session(const BacktestInputs& in, const PaperSessionSettings& settings, Strategy& strategy, BrokerLink& broker,
          journal::Journal& journal, const LogSink& log)
      : in_(in),
        settings_(settings),
        replay_(settings.backtest.replay),
        reference_(*in.panel, *in.pricer, *in.calendar, settings.backtest.model, settings.backtest.fills),
        market_(replay_market(reference_)),
        engine_(market_, replay_, settings.variant, strategy, *this, log),
        broker_(broker),
        journal_(journal),
        jctx_(engine_.context(), journal, settings.account, this),
        facing_(*this, jctx_) {
    // Crash points (test hook): right after every durable journal write, as well as the points below.
    if (settings.kill_at > 0) journal_.set_write_hook([this] { crash_point(); });
  }
  ~Session() override { journal_.set_write_hook({}); }

  // --- ChosenIdExecution: a journaled order goes into the engine under its journal id.
  void submit_combo_as(const ClientOrderId& id, const ComboOrder& order) override { engine_.submit_as(id, order); }
  void submit_order_as(const ClientOrderId& id, const SingleOrder& order) override { engine_.submit_as(id, order); }

  // An order the journal already closed: the engine prices and books it again, the journal answers
  // in place of the broker (nothing is sent), and the strategy sees what it saw then.
  template <class OrderT>
  void replayed(const journal::ReplayedOrder& r, const OrderT& order) {
    ++report_.orders_from_journal;
    replaying_ = &r;
    engine_.submit_as(r.event.id, order);
    replaying_ = nullptr;
  }

  // --- OrderExecutor
  std::vector<Settlement> advance(ExchangeTime now) override { return sync(now); }
  bool reports_settlements() const override { return broker_.has_clock() || settings_.backend_settles; }
  std::optional<double> recorded_settlement(const Instrument& instrument, Date day) override {
    // Re-driving days the backend has already passed: it settled them before the crash. The journal
    // kept the price if the host recorded it in time; else, past the broker's clock, the price is the
    // simulated venue's own settlement value (alvh-paper-broker settles at the chain model's value).
    // A recovered session against the paper broker may re-drive a settlement the broker booked
    // just before the host died (the clock reply came, the journal entry did not).
    const bool redriving = catching_up_ || behind_ || (report_.recovered && broker_.has_clock());
    if (!redriving) return std::nullopt;
    if (auto kept = journal_.settlement_price(symbol(instrument), day)) return kept;
    if (!broker_.has_clock()) return std::nullopt;
    const auto value = reference_.settlement(instrument, day);
    return value ? std::optional<double>(value->value) : std::nullopt;
  }
  void before_delivery() override {
    watch_unexpected();
    maybe_reconcile();
  }
  void settled(const std::vector<Settlement>& mine) override;
  std::optional<std::string> refuse(const ExecutorOrder& o) override;
  Execution execute(const ExecutorOrder& o) override;

  // Persist from the strategy: while re-driving days already checkpointed, compare instead of write.
  void persist_from_strategy(std::string_view key, std::string_view blob) {
    const Date today = now().date;
    if (checkpoint_day_ && today <= *checkpoint_day_) {
      if (today == *checkpoint_day_ && key != kHostKey) {
        const auto saved = journal_.state(key);
        if (saved && saved->blob != blob)
          halt("the strategy state rebuilt from the journal differs from the one persisted on " + to_iso(*checkpoint_day_));
        else
          state_verified_ = true;
      }
      return;
    }
    if (batch_) batch_->emplace_back(std::string(key), std::string(blob));
    else jctx_.persist(key, blob);
  }

  PaperSessionReport run(const std::function<void()>& checkpoint, const ProgressFn& progress, DaySource* source) {
    const auto& bs = settings_.backtest;
    std::optional<ReplayRange> range;
    if (source) {  // the days arrive one by one: the range is the requested one
      if (!bs.from || !bs.to) throw std::invalid_argument("a market-data session needs --from and --to");
      range = ReplayRange{0, 0, *bs.from, *bs.to};
    } else {
      range = replay_range(*in_.panel, bs.from, bs.to);
    }
    if (!range) throw std::invalid_argument("no replayable day in the requested range");
    const auto& rows = in_.panel->rows;
    std::vector<std::size_t> replay_rows;
    if (!source)
      for (std::size_t i = range->first_row; i <= range->last_row; ++i)
        if (is_replayable(rows[i])) replay_rows.push_back(i);

    // A journal from an earlier run of this session means recovery: re-drive up to its checkpoint.
    const std::string session_id = "paper v1 " + settings_.account + " " + to_iso(range->from) + " " +
                                   to_iso(range->to) + " " + settings_.variant;
    if (const auto s = journal_.state(kSessionKey)) {
      if (s->blob != session_id)
        throw std::runtime_error("journal " + journal_.file().string() + " belongs to another session ('" + s->blob +
                                 "'), not '" + session_id + "'");
      report_.recovered = true;
      if (const auto h = journal_.state(kHostKey)) checkpoint_day_ = parse_iso_date(h->blob);
      // Orders the crashed run left in flight: the backend may have finished them meanwhile.
      for (const auto& in : journal_.open_intents()) in_flight_at_start_.insert(in.id);
    } else {
      jctx_.persist(kSessionKey, session_id);
    }
    (void)jctx_.restore(kSessionKey);  // rewinds the id counters to the session's start

    BacktestResult result;
    result.from = range->from;
    result.to = range->to;
    // Rules are the plug-in's to evaluate: the snapshots carry values only.
    ReplayDayInputs day_inputs(*in_.panel, in_.signals, nullptr, replay_.open_minutes);
    const auto started = std::chrono::steady_clock::now();

    std::optional<Date> first_day, last_day;
    for (std::size_t n = 0;; ++n) {
      std::size_t r = 0;
      std::optional<SignalSnapshot> snapshot;
      if (source) {
        auto fed = source->next();
        if (!fed) break;
        const Date d = rows.at(fed->row).date;
        if (d < range->from || !is_replayable(rows[fed->row])) {
          --n;  // not a day of this session (n wraps and comes back with ++n)
          continue;
        }
        if (d > range->to) break;
        r = fed->row;
        snapshot = std::move(fed->signals);
        day_inputs.record(r, snapshot, fed->signal_columns);
      } else {
        if (n >= replay_rows.size()) break;
        r = replay_rows[n];
        snapshot = day_inputs.signals_for(r);
      }
      if (!first_day) first_day = rows[r].date;
      last_day = rows[r].date;

      ReplayDay day(market_, replay_, r, std::move(snapshot));
      const MarketDay& m = day.market();
      day_inputs.count_fallbacks(m, reference_.model());

      if (n == 0) engine_.start(day, &facing_);
      catching_up_ = checkpoint_day_ && m.date <= *checkpoint_day_;
      engine_.step(day);
      // Day checkpoint: the strategy's state and how far the session got, in one journal
      // transaction (a crash leaves both at the previous day or both at this one).
      batch_.emplace();
      checkpoint();
      persist_from_strategy(kHostKey, to_iso(m.date));
      const auto puts = std::exchange(*batch_, {});
      batch_.reset();
      jctx_.persist_all(puts);  // the journal's write hook is this step's crash point
      if (progress) progress(n + 1, source ? 0 : replay_rows.size());
      if (settings_.speed > 0) {
        const auto due = started + std::chrono::duration<double>(static_cast<double>(n + 1) / settings_.speed);
        std::this_thread::sleep_until(std::chrono::time_point_cast<std::chrono::steady_clock::duration>(due));
      }
      broker_.keep_alive();
    }
    if (source) {
      if (!first_day) throw std::invalid_argument("the market-data feed delivered no day in the requested range");
      result.from = *first_day;
      result.to = *last_day;
    }
    engine_.stop();
    if (!reconciled_) reconcile();  // a session whose every day was already done: still compare
    // A recovered session checks the books once more at its end: the journal and the backend agree.
    else if (report_.recovered && state_ != TradingState::Halted) final_check();

    // The result, built as run_backtest builds it (one variant).
    result.signals = day_inputs.take_recorded();
    const auto crash_days = replay_crash_days(*in_.panel, bs.named_crash_days, bs.crash_threshold, bs.gap_threshold,
                                              bs.vix_jump_threshold, range->from, range->to);
    VariantResult out;
    out.name = settings_.variant;
    out.sizing_mode = settings_.sizing_mode;
    out.ladder_layers = replay_.ladder_layers;
    out.daily = engine_.daily();
    out.trades = engine_.ledger().trades();
    auto rows_of_variant = summarize_variant(out, engine_.ledger(), bs.metrics, crash_days, bs.crash_windows);
    result.crash_days = std::move(rows_of_variant.days);
    result.crash_windows = std::move(rows_of_variant.windows);
    result.notes = {
        "paper session " + to_iso(result.from) + " .. " + to_iso(result.to) + ", " + std::to_string(engine_.daily().size()) +
            " trading days" + (source ? " from the market-data feed" : "") + "; orders filled by alvh-paper-broker (session " +
            broker_.session().session + ")",
        "signals and rules: values of the previous close (no look-ahead); 15:40 index levels are the day's closes",
        std::string("fills: as the backend reported them") +
            (broker_.has_clock() ? " (alvh-paper-broker: the simulated venue, model mid -/+ slippage per leg, fees per contract)"
                                 : "; the model's fill is a reference (alarm beyond " + fmt(settings_.deviation_warn) + " points)"),
    };
    for (auto& note : day_inputs.notes()) result.notes.push_back(std::move(note));
    for (const auto& [label, count] : engine_.diagnostics()) result.notes.push_back(out.name + ": " + label + ": " + std::to_string(count));
    result.notes.push_back("trading state at the end: " + std::string(to_string(state_)) +
                           (state_reason_.empty() ? "" : " (" + state_reason_ + ")"));
    result.variants.push_back(std::move(out));

    report_.result = std::move(result);
    report_.state = state_;
    report_.state_reason = state_reason_;
    if (checkpoint_day_ && !state_verified_ && state_ == TradingState::Active)
      report_.reconcile_summary += " (no strategy state to verify)";
    return std::move(report_);
  }

  StrategyFacing& facing() { return facing_; }
  journal::JournaledContext& journaled() { return jctx_; }

 private:
  ExchangeTime now() { return engine_.context().clock().now_local(); }
  void log(LogLevel level, const std::string& message) { engine_.context().log(level, "paper", message); }

  // --- crash points (test hook) and the trading gate
  // Counted only past the re-drive, so every restart makes new progress before it dies.
  void crash_point() {
    if (catching_up_) return;
    if (settings_.kill_at > 0 && ++crash_points_ == settings_.kill_at) std::raise(SIGKILL);
  }
  void halt(const std::string& why) {
    if (state_ != TradingState::Halted) log(LogLevel::Error, "HALTED: " + why);
    state_ = TradingState::Halted;
    state_reason_ = why;
  }
  void reduce(const std::string& why) {
    if (state_ != TradingState::Active) return;
    log(LogLevel::Warning, "REDUCING: " + why);
    state_ = TradingState::Reducing;
    state_reason_ = why;
  }

  // Announces the replay time to the broker (not while re-driving checkpointed days: the broker is
  // past them). The first time the broker accepts a time, the re-drive has caught up: reconcile.
  // Returns the settlements the backend booked on the way.
  std::vector<Settlement> sync(ExchangeTime t) {
    if (catching_up_) return {};
    if (!broker_.has_clock()) {  // a backend without a replay clock: whatever it settled meanwhile
      if (!reconciled_) reconcile_due_ = true;
      return broker_.take_settlements();
    }
    ClockResult r = broker_.advance(t);
    crash_point();
    behind_ = r.behind;
    if (r.behind) return {};
    if (!reconciled_) reconcile_due_ = true;
    return std::move(r.settlements);
  }

  // Fills and events for orders the host is not waiting for: logged, counted, and a reconciliation.
  void watch_unexpected() {
    const auto fills = broker_.take_unexpected_fills();
    const auto events = broker_.take_unexpected_events();
    if (fills.empty() && events.empty()) return;
    for (const Fill& f : fills) {
      ++unexpected_fills_;
      log(LogLevel::Error, "fill for an order this host is not waiting for: " + f.id + " (" + std::to_string(f.quantity) +
                               " at " + fmt(f.net_price) + "); reconciling");
      journal_.audit(engine_.context().clock().now_utc(), "unexpected_fill", "paper", f.id);
    }
    for (const OrderEvent& e : events)
      log(LogLevel::Warning, "order event for an order this host is not waiting for: " + e.id + " " + std::string(to_string(e.state)));
    if (!fills.empty()) reconcile();
  }

  static std::string fmt(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", x);
    return buf;
  }

  void maybe_reconcile() {
    if (reconcile_due_ && !reconciled_) reconcile();
  }

  void reconcile() {
    reconciled_ = true;
    const bool again = reconcile_count_++ > 0;
    reconcile_due_ = false;
    const wire::BackendSnapshot snap = broker_.snapshot();
    read_outcomes(snap);
    const std::vector<Position> theirs = backend_positions(snap);
    // Expiries the backend settled while the host was down: the journal still holds them, the
    // backend does not; the engine books them at their settlement step (recorded_settlement).
    std::vector<Position> mine = journal_.positions();
    const Date today = now().date;
    std::size_t settled_meanwhile = 0;
    std::erase_if(mine, [&](const Position& p) {
      const bool held = std::any_of(theirs.begin(), theirs.end(),
                                    [&](const Position& b) { return b.instrument == p.instrument && b.quantity != 0; });
      const bool gone = !held && p.instrument.expiry <= today;
      settled_meanwhile += gone;
      return gone;
    });
    std::vector<OrderEvent> finished;
    for (const auto& [id, r] : recorded_) finished.push_back(r.event);
    const auto verdict = journal::Reconciler::compare(journal_.intents(), mine, theirs, snap.open_orders, finished);
    std::string summary = verdict.summary();
    if (settled_meanwhile > 0)
      summary += " (" + std::to_string(settled_meanwhile) + " expired position(s) the backend settled while the host was down, booked at their settlement)";
    if (!verdict.consistent() && verdict.state == journal::RecommendedState::Active) {
      // Applied when the re-driven strategy makes those decisions again: a recorded outcome is booked
      // in place of the backend's answer (execute), anything else is sent again under its id.
      const std::size_t adopted = verdict.to_adopt().size();
      summary = std::to_string(verdict.mismatches.size()) + " difference(s) left by the interrupted step, resolved " +
                (adopted == 0 ? std::string("by replaying it under the same ids")
                              : "by booking the backend's recorded outcome of " + std::to_string(adopted) +
                                    " order(s), not sent again" +
                                    (adopted < verdict.mismatches.size() ? ", and replaying the rest under the same ids" : "")) +
                ": " + summary;
    }
    report_.reconcile_summary = again ? report_.reconcile_summary + "; then: " + summary : summary;
    journal_.audit(engine_.context().clock().now_utc(), "reconcile", "paper", summary);
    log(LogLevel::Info, "reconciled with the broker: " + summary);
    if (verdict.state == journal::RecommendedState::Halted) halt("reconciliation: " + verdict.summary());
    if (verdict.state == journal::RecommendedState::Reducing) reduce("reconciliation: " + verdict.summary());
  }

  void final_check() {
    const wire::BackendSnapshot snap = broker_.snapshot();
    const auto verdict = journal::Reconciler::compare(journal_, backend_positions(snap), snap.open_orders);
    const std::string summary = verdict.summary();
    report_.reconcile_summary += "; at the end: " + summary;
    journal_.audit(engine_.context().clock().now_utc(), "reconcile", "paper", "at the end: " + summary);
    if (!verdict.consistent()) halt("at the end, the journal and the backend disagree: " + summary);
  }

  // The backend's positions as the journal should hold them. A backend that never settles (no clock,
  // no --backend-settles) still lists contracts past their expiry; the host settled those itself at
  // its model's value (counted in the notes), so one the journal no longer holds is no difference.
  std::vector<Position> backend_positions(const wire::BackendSnapshot& snap) {
    std::vector<Position> out = snap.positions;
    if (broker_.has_clock() || settings_.backend_settles) return out;
    const Date today = now().date;
    const std::vector<Position> mine = journal_.positions();
    std::erase_if(out, [&](const Position& p) {
      return p.instrument.expiry <= today &&
             std::none_of(mine.begin(), mine.end(), [&](const Position& m) { return m.instrument == p.instrument; });
    });
    return out;
  }

  // The backend's recorded outcomes (the snapshot's optional finished_orders) of the orders the
  // crashed run left in flight. Without the key every such order is sent again under its id.
  void read_outcomes(const wire::BackendSnapshot& snap) {
    outcomes_read_ = true;
    if (!snap.finished_orders) return;
    for (const wire::FinishedOrder& f : *snap.finished_orders)
      if (in_flight_at_start_.count(f.event.id) && is_terminal(f.event.state)) recorded_[f.event.id] = f;
  }
  // The recorded outcome of `id`, if the crashed run left it in flight and the backend reports it
  // ended (asked once, from a fresh snapshot, when no reconciliation has read one yet).
  std::optional<wire::FinishedOrder> take_recorded(const ClientOrderId& id) {
    if (!in_flight_at_start_.erase(id)) return std::nullopt;
    if (!outcomes_read_) read_outcomes(broker_.snapshot());
    const auto it = recorded_.find(id);
    if (it == recorded_.end()) return std::nullopt;
    wire::FinishedOrder r = std::move(it->second);
    recorded_.erase(it);
    return r;
  }
  Execution adopt(const ExecutorOrder& o, const wire::FinishedOrder& r);

  static Execution rejected(std::string reason) {
    Execution e;
    e.reason = std::move(reason);
    return e;
  }
  Execution from_journal(const journal::ReplayedOrder& r, const ExecutorOrder& o);
  Execution outcome(const ExecutorOrder& o, const std::vector<OrderEvent>& events, const std::vector<Fill>& fills,
                    bool record);
  std::optional<venue::ComboFill> booked(const ExecutorOrder& o, const Fill& f, std::string& problem) const;
  void check_deviation(const ExecutorOrder& o, const Fill& f);

  const BacktestInputs& in_;
  const PaperSessionSettings& settings_;
  const ReplaySettings& replay_;
  venue::SimulatedMarket reference_;  // the chain model: chains, marks, and the reference fill of every order
  ReplayMarket market_;
  ReplaySession engine_;
  BrokerLink& broker_;
  journal::Journal& journal_;
  journal::JournaledContext jctx_;
  StrategyFacing facing_;
  const journal::ReplayedOrder* replaying_ = nullptr;
  std::optional<Date> checkpoint_day_;
  int reconcile_count_ = 0;
  bool behind_ = false;  // the broker's clock is past the replay time (a restarted host catching up)
  long unexpected_fills_ = 0;
  bool catching_up_ = false, reconciled_ = false, reconcile_due_ = false, state_verified_ = false;
  TradingState state_ = TradingState::Active;
  std::string state_reason_;
  long crash_points_ = 0;
  std::optional<std::vector<std::pair<std::string, std::string>>> batch_;  // the day checkpoint's states, committed together
  // Recovery: the open intents when this run started (the crashed run's in-flight orders) and the
  // backend's recorded outcomes of those it reports as ended, booked in place of sending them again.
  std::set<ClientOrderId> in_flight_at_start_;
  std::map<ClientOrderId, wire::FinishedOrder> recorded_;
  bool outcomes_read_ = false;
  PaperSessionReport report_;
};

// The trading gate, before the order is priced (replayed orders pass: they are not sent).
std::optional<std::string> Session::refuse(const ExecutorOrder& o) {
  if (replaying_) return std::nullopt;
  maybe_reconcile();
  if (state_ == TradingState::Halted || (state_ == TradingState::Reducing && !ends_with(o.tag(), ":close"))) {
    std::string why = std::string(to_string(state_)) + ": " + state_reason_;
    jctx_.record_nack(o.id, why);
    return why;
  }
  return std::nullopt;
}

Execution Session::execute(const ExecutorOrder& o) {
  if (replaying_) return from_journal(*replaying_, o);
  if (o.invalid()) {  // malformed on its face: refused here, never sent
    jctx_.record_nack(o.id, *o.problem);
    return rejected(*o.problem);
  }
  if (auto recorded = take_recorded(o.id)) return adopt(o, *recorded);
  const OrderOutcome out = o.combo ? broker_.submit(o.id, *o.combo) : broker_.submit(o.id, *o.single);
  ++report_.orders_sent;
  if (out.duplicate) ++report_.orders_resent;
  crash_point();  // the broker answered; nothing journaled yet
  if (out.nack) {  // an ordinary answer: the strategy and the risk gate hear of it
    jctx_.record_nack(o.id, out.nack->code + ": " + out.nack->message);
    return rejected(out.nack->code == "rejected" ? out.nack->message : out.nack->code + ": " + out.nack->message);
  }
  jctx_.record_ack(o.id, out.ack_id);
  if (!out.ended) {
    halt("order " + o.id + (out.duplicate ? " was answered as a duplicate without its outcome"
                                          : " neither filled nor ended after its cancel") +
         "; its fate is the backend's to tell (see the reconciliation)");
    reconcile();
    return rejected("outcome unknown");
  }
  if (out.cancel_sent) log(LogLevel::Warning, "order " + o.id + " was still working after the timeout; cancelled");
  return outcome(o, out.events, out.fills, true);
}

// The backend's fill as the ledger books it: its legs (matched to the order's legs), prices and fees.
std::optional<venue::ComboFill> Session::booked(const ExecutorOrder& o, const Fill& f, std::string& problem) const {
  struct Want {
    Instrument instrument;
    long long contracts;  // signed, per unit
    bool seen = false;
  };
  std::vector<Want> want;
  if (o.combo)
    for (const ComboLeg& l : o.combo->legs) want.push_back({l.instrument, (l.side == Side::Buy ? 1LL : -1LL) * l.ratio});
  else
    want.push_back({o.single->instrument, o.single->side == Side::Buy ? 1LL : -1LL});
  if (f.quantity <= 0) {
    problem = "fill of " + o.id + " has quantity " + std::to_string(f.quantity);
    return std::nullopt;
  }
  if (f.legs.size() != want.size()) {
    problem = "fill of " + o.id + " has " + std::to_string(f.legs.size()) + " legs, the order " + std::to_string(want.size());
    return std::nullopt;
  }
  venue::ComboFill c;
  c.quantity = f.quantity;
  long long contracts = 0;
  for (const LegFill& l : f.legs) contracts += l.quantity;
  for (const LegFill& l : f.legs) {
    auto it = std::find_if(want.begin(), want.end(), [&](const Want& w) { return !w.seen && w.instrument == l.instrument; });
    const long long signed_qty = (l.side == Side::Buy ? 1LL : -1LL) * l.quantity;
    if (it == want.end() || signed_qty != it->contracts * f.quantity || !std::isfinite(l.price) || l.price < 0) {
      problem = "fill of " + o.id + " has a leg that is not in the order: " + std::string(l.side == Side::Buy ? "buy " : "sell ") +
                std::to_string(l.quantity) + " " + symbol(l.instrument) + " at " + fmt(l.price);
      return std::nullopt;
    }
    it->seen = true;
    venue::FilledLeg leg;
    leg.instrument = it->instrument;  // the host's own contract terms
    leg.quantity = static_cast<int>(signed_qty);
    leg.price = l.price;
    leg.fees = l.commission ? *l.commission : contracts > 0 ? f.commission * l.quantity / static_cast<double>(contracts) : 0.0;
    c.legs.push_back(std::move(leg));
  }
  c.net_price = f.effect == PriceEffect::Credit ? -f.net_price : f.net_price;
  c.net_mid = c.net_price;  // the model's net mid when it priced the order (a reference only)
  if (!o.problem && o.legs.size() == c.legs.size()) {
    c.net_mid = 0;
    for (const venue::LegOrder& l : o.legs) c.net_mid += l.ratio * l.mid;
  }
  c.fees = f.commission;
  // As the fill model books it (net per unit x units x multiplier, less fees), so a backend that
  // reports the simulated venue's fills gives the backtest's cash to the last bit.
  c.cash = -c.quantity * c.legs.front().instrument.multiplier * c.net_price - c.fees;
  return c;
}

void Session::check_deviation(const ExecutorOrder& o, const Fill& f) {
  if (o.problem) {
    log(LogLevel::Warning, "the backend filled " + o.id + ", which the model cannot price (" + *o.problem + ")");
    return;
  }
  const venue::ComboFill ref = reference_.fills().fill(o.legs, f.quantity);
  const double theirs = f.effect == PriceEffect::Credit ? -f.net_price : f.net_price;
  const double gap = std::fabs(theirs - ref.net_price);
  if (gap <= settings_.deviation_warn) return;
  ++report_.fills_off_model;
  const std::string what = "fill of " + o.id + " at " + fmt(theirs) + " is " + fmt(gap) + " points from the model's reference " +
                           fmt(ref.net_price);
  if (gap > settings_.deviation_reduce) reduce(what);
  else log(LogLevel::Warning, what);
}

// The engine's execution of what the backend reported (or what the journal kept of it).
Execution Session::outcome(const ExecutorOrder& o, const std::vector<OrderEvent>& events, const std::vector<Fill>& fills,
                           bool record) {
  Execution e;
  std::optional<OrderEvent> terminal;
  for (const OrderEvent& ev : events)
    if (is_terminal(ev.state)) terminal = ev;
  // The fills are journaled before the events: an intent the journal has closed always has its
  // fills (a crash in between leaves it open, and the restart re-sends it under the same id).
  int n = 0;
  for (const Fill& f : fills) {
    ++n;
    std::string problem;
    auto c = booked(o, f, problem);
    if (!c) {
      if (record) journal_.audit(engine_.context().clock().now_utc(), "bad_fill", "paper", problem);
      halt(problem);
      reconcile();
      continue;
    }
    if (record) {
      check_deviation(o, f);
      jctx_.record_fill(f, o.id + ":" + std::to_string(n));
    }
    e.fills.push_back({std::move(*c), f});
  }
  if (record)
    for (const OrderEvent& ev : events) jctx_.record_event(ev);
  if (terminal && terminal->state == OrderState::Filled && e.filled_quantity() >= o.quantity()) {
    e.state = ExecutionState::Filled;
  } else if (terminal && terminal->state == OrderState::Rejected && e.fills.empty()) {
    e.state = ExecutionState::Rejected;
    e.reason = terminal->reason.empty() ? "rejected by the backend" : terminal->reason;
  } else {
    e.state = ExecutionState::Cancelled;
    e.reason = terminal && !terminal->reason.empty() ? terminal->reason : "cancelled";
  }
  return e;
}

// An order the crashed run sent and the backend finished while the host was down: its recorded
// outcome (terminal event, fills with the backend's prices, legs and fees) is booked exactly as the
// live answer would have been (journal, ledger, strategy, trades.csv); nothing is sent.
Execution Session::adopt(const ExecutorOrder& o, const wire::FinishedOrder& r) {
  ++report_.orders_adopted;
  const OrderEvent& e = r.event;
  const std::string what = "order " + o.id + " ended at the backend while the host was down (" + std::string(to_string(e.state)) +
                           ", " + std::to_string(e.filled_quantity) + " filled): its recorded outcome is booked, the order is not sent again";
  log(LogLevel::Info, what);
  journal_.audit(engine_.context().clock().now_utc(), "adopt", "paper", what);
  if (e.state == OrderState::Rejected && r.fills.empty()) {  // as a live nack is booked
    const std::string reason = e.reason.empty() ? "rejected by the backend" : e.reason;
    jctx_.record_nack(o.id, "rejected: " + reason);
    return rejected(reason);
  }
  jctx_.record_ack(o.id, "recorded outcome in the backend's snapshot");
  return outcome(o, {e}, r.fills, true);
}

Execution Session::from_journal(const journal::ReplayedOrder& r, const ExecutorOrder& o) {
  if (r.event.state == OrderState::Rejected) {
    std::string reason = r.event.reason;
    if (reason.starts_with("rejected: ")) reason.erase(0, 10);
    return rejected(std::move(reason));
  }
  return outcome(o, {r.event}, r.fills, false);
}

// The journal records the settlements the engine booked (the backend's) before the strategy hears of them.
void Session::settled(const std::vector<Settlement>& mine) {
  for (const Settlement& s : mine) jctx_.record_settlement(s);
  maybe_reconcile();
}

ClientOrderId StrategyFacing::submit_combo(const ComboOrder& order) {
  const ClientOrderId id = j_.submit_combo(order);
  for (const auto& r : j_.take_replay()) s_.replayed(r, order);
  return id;
}
ClientOrderId StrategyFacing::submit_order(const SingleOrder& order) {
  const ClientOrderId id = j_.submit_order(order);
  for (const auto& r : j_.take_replay()) s_.replayed(r, order);
  return id;
}
void StrategyFacing::persist(std::string_view key, std::string_view blob) { s_.persist_from_strategy(key, blob); }

}  // namespace

PaperSessionReport run_paper_session(const BacktestInputs& inputs, const PaperSessionSettings& settings,
                                     Strategy& strategy, const std::function<void()>& checkpoint, BrokerLink& broker,
                                     journal::Journal& journal, const ProgressFn& progress, const LogSink& log,
                                     DaySource* source) {
  if (!inputs.panel || !inputs.calendar || !inputs.pricer)
    throw std::invalid_argument("run_paper_session: panel, calendar and pricer are required");
  broker.connect();
  Session session(inputs, settings, strategy, broker, journal, log);
  return session.run(checkpoint, progress, source);
}

}  // namespace alvh::host
