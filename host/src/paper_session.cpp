#include "alvh/host/paper_session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <thread>

#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/backtest/model_executor.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/backtest/order_executor.hpp"
#include "alvh/backtest/replay_day_inputs.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/journal/journaled_context.hpp"
#include "alvh/journal/reconciler.hpp"

namespace alvh::host {

std::string_view to_string(TradingState s) {
  switch (s) {
    case TradingState::Active: return "ACTIVE";
    case TradingState::Reducing: return "REDUCING";
    case TradingState::Halted: return "HALTED";
  }
  return "?";
}

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

// The paper host around the replay engine: the engine runs the day script and books the mirror
// account; this is its executor (orders to the broker through the journal, checked against the
// model fill), its clock announcer (the broker's clock channel) and the journal's execution port.
class Session final : public OrderExecutor, public journal::ChosenIdExecution {
 public:
  Session(const BacktestInputs& in, const PaperSessionSettings& settings, Strategy& strategy, BrokerLink& broker,
          journal::Journal& journal, const LogSink& log)
      : in_(in),
        settings_(settings),
        replay_(settings.backtest.replay),
        model_(*in.pricer, settings.backtest.model),
        fills_(settings.backtest.fills),
        market_{in.panel, in.calendar, in.pricer, &model_, &fills_},
        mirror_(fills_, replay_.enforce_limits),
        engine_(market_, replay_, settings.variant, strategy, *this, log),
        broker_(broker),
        journal_(journal),
        jctx_(engine_.context(), journal, settings.account, this),
        facing_(*this, jctx_) {}

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
  void advance(ExchangeTime now) override { sync(now); }
  void before_delivery() override { maybe_reconcile(); }
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
    jctx_.persist(key, blob);
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
      day_inputs.count_fallbacks(m, model_);

      if (n == 0) engine_.start(day, &facing_);
      catching_up_ = checkpoint_day_ && m.date <= *checkpoint_day_;
      engine_.step(day);
      // Day checkpoint: the strategy's state and how far the session got, both in the journal.
      checkpoint();
      persist_from_strategy(kHostKey, to_iso(m.date));
      crash_point();
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

    // The result, built as run_backtest builds it (one variant).
    result.signals = day_inputs.take_recorded();
    const auto crash_days = replay_crash_days(*in_.panel, bs.named_crash_days, bs.crash_threshold, range->from, range->to);
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
        "fills: model mid -/+ slippage per leg, fees per contract; no option quotes are bundled",
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
  void sync(ExchangeTime t) {
    if (catching_up_) return;
    const ClockResult r = broker_.advance(t);
    crash_point();
    if (r.behind) return;
    if (!reconciled_) reconcile_due_ = true;
    broker_settlements_.insert(broker_settlements_.end(), r.settlements.begin(), r.settlements.end());
  }

  void maybe_reconcile() {
    if (reconcile_due_ && !reconciled_) reconcile();
  }

  void reconcile() {
    reconciled_ = true;
    reconcile_due_ = false;
    const zmq::BackendSnapshot snap = broker_.snapshot();
    const auto verdict = journal::Reconciler::compare(journal_, snap.positions, snap.open_orders);
    std::string summary = verdict.summary();
    if (!verdict.consistent() && verdict.state == journal::RecommendedState::Active)
      summary = std::to_string(verdict.mismatches.size()) +
                " difference(s) left by the interrupted step, resolved by replaying it under the same ids: " + summary;
    report_.reconcile_summary = summary;
    journal_.audit(engine_.context().clock().now_utc(), "reconcile", "paper", summary);
    log(LogLevel::Info, "reconciled with the broker: " + summary);
    if (verdict.state == journal::RecommendedState::Halted) halt("reconciliation: " + verdict.summary());
    if (verdict.state == journal::RecommendedState::Reducing) reduce("reconciliation: " + verdict.summary());
  }

  static Execution rejected(std::string reason) {
    Execution e;
    e.reason = std::move(reason);
    return e;
  }
  Execution from_journal(const journal::ReplayedOrder& r, const ExecutorOrder& o);
  void verify(const ClientOrderId& id, const Execution& mine, const OrderOutcome& out);

  const BacktestInputs& in_;
  const PaperSessionSettings& settings_;
  const ReplaySettings& replay_;
  OptionModel model_;
  FillModel fills_;
  ReplayMarket market_;
  ModelExecutor mirror_;  // what the broker must answer: the shared fill model
  ReplaySession engine_;
  BrokerLink& broker_;
  journal::Journal& journal_;
  journal::JournaledContext jctx_;
  StrategyFacing facing_;
  const journal::ReplayedOrder* replaying_ = nullptr;
  std::vector<Settlement> broker_settlements_;
  std::optional<Date> checkpoint_day_;
  bool catching_up_ = false, reconciled_ = false, reconcile_due_ = false, state_verified_ = false;
  TradingState state_ = TradingState::Active;
  std::string state_reason_;
  long crash_points_ = 0;
  PaperSessionReport report_;
};

// The trading gate, before the order is priced (replayed orders pass: they are not sent).
std::optional<std::string> Session::refuse(const ExecutorOrder& o) {
  if (replaying_) return std::nullopt;
  crash_point();  // journaled, not sent
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
  if (o.invalid()) {  // refused here, as the engine does; never sent
    jctx_.record_nack(o.id, *o.problem);
    return rejected(*o.problem);
  }
  const OrderOutcome out = o.combo ? broker_.submit(o.id, *o.combo) : broker_.submit(o.id, *o.single);
  ++report_.orders_sent;
  if (out.duplicate) ++report_.orders_resent;
  crash_point();  // the broker answered; nothing journaled yet
  if (out.nack) {
    jctx_.record_nack(o.id, out.nack->code + ": " + out.nack->message);
    if (!o.problem) halt("the broker refused " + o.id + " (" + out.nack->message + ") which the model prices");
    return rejected(out.nack->code == "rejected" ? out.nack->message : out.nack->code + ": " + out.nack->message);
  }
  jctx_.record_ack(o.id, out.ack_id);
  if (o.problem) {
    halt("the broker executed " + o.id + " which the model cannot price (" + *o.problem + ")");
    return rejected(*o.problem);
  }
  Execution mine = mirror_.execute(o);
  if (!out.duplicate) verify(o.id, mine, out);
  jctx_.record_event(OrderEvent{o.id, OrderState::Accepted, 0, {}, o.at});
  if (mine.state == ExecutionState::Cancelled) {
    jctx_.record_event(OrderEvent{o.id, OrderState::Cancelled, 0, "limit not reached", o.at});
  } else {
    jctx_.record_event(OrderEvent{o.id, OrderState::Filled, o.quantity(), {}, o.at});
    // Paper fills are whole orders: one execution per id, so the id names it (exactly once).
    jctx_.record_fill(out.fills.empty() ? mine.fill : out.fills.front(), o.id + ":1");
  }
  crash_point();  // journaled, not yet delivered
  return mine;
}

Execution Session::from_journal(const journal::ReplayedOrder& r, const ExecutorOrder& o) {
  if (r.event.state == OrderState::Rejected) {
    std::string reason = r.event.reason;
    if (reason.starts_with("rejected: ")) reason.erase(0, 10);
    return rejected(std::move(reason));
  }
  if (o.problem) {
    halt("journal says " + r.event.id + " executed, but the model cannot price it: " + *o.problem);
    return rejected(*o.problem);
  }
  Execution mine = mirror_.execute(o);
  if ((mine.state == ExecutionState::Cancelled) != (r.event.state == OrderState::Cancelled))
    halt("journal outcome of " + r.event.id + " (" + r.event.reason + ") differs from the model's");
  return mine;
}

void Session::verify(const ClientOrderId& id, const Execution& mine, const OrderOutcome& out) {
  const bool cancelled = mine.state == ExecutionState::Cancelled;
  bool filled = false;
  for (const OrderEvent& e : out.events) filled = filled || e.state == OrderState::Filled;
  if (filled == cancelled) {
    halt("broker outcome of " + id + " differs from the model's");
    return;
  }
  if (cancelled) return;
  if (out.fills.size() != 1 || out.fills.front().quantity != mine.fill.quantity ||
      std::fabs(out.fills.front().net_price - mine.fill.net_price) > 1e-9 ||
      std::fabs(out.fills.front().commission - mine.fill.commission) > 1e-9)
    halt("broker fill of " + id + " differs from the model's fill");
}

// The broker settled the same positions when it crossed this time (unless it was past it); the
// journal records the model's settlements before the strategy hears of them.
void Session::settled(const std::vector<Settlement>& mine) {
  if (!broker_settlements_.empty()) {
    std::map<std::string, int> from_broker, ours;
    for (const Settlement& s : broker_settlements_) from_broker[symbol(s.instrument)] += s.quantity;
    for (const Settlement& s : mine) ours[symbol(s.instrument)] = s.quantity;
    if (ours != from_broker) halt("the broker's settlements at " + to_string(now()) + " differ from the model's");
  }
  broker_settlements_.clear();
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
