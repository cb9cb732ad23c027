#include "alvh/host/paper_session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <deque>
#include <map>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "alvh/core/backtest/backtest_runner.hpp"
#include "alvh/core/backtest/booking.hpp"
#include "alvh/core/backtest/fill_model.hpp"
#include "alvh/core/backtest/ledger.hpp"
#include "alvh/core/backtest/option_model.hpp"
#include "alvh/core/backtest/replay_engine.hpp"
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

// Booking rules are shared with the replay engine (alvh/core/backtest/booking.hpp): the mirror
// must book exactly what the backtest books.
int day_number(Date d) { return static_cast<int>(to_days(d).time_since_epoch().count()); }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
std::string count_note(const char* what, int n, std::size_t days) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "%s: %d of %zu days", what, n, days);
  return buf;
}

class ReplayClock final : public Clock {
 public:
  ExchangeTime now{};
  Timestamp now_utc() const override { return replay_timestamp(now.date, now.minutes); }
  ExchangeTime now_local() const override { return now; }
};

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

// The host context under the journal: clock, models, mirror account, timers, chains, and the
// execution port that sends journaled orders to the broker.
class Session final : public StrategyContext, public journal::ChosenIdExecution {
 public:
  Session(const BacktestInputs& in, const PaperSessionSettings& settings, Strategy& strategy, BrokerLink& broker,
          journal::Journal& journal, const LogSink& log)
      : in_(in),
        settings_(settings),
        replay_(settings.backtest.replay),
        model_(*in.pricer, settings.backtest.model),
        fills_(settings.backtest.fills),
        market_{in.panel, in.calendar, in.pricer, &model_, &fills_},
        strategy_(strategy),
        broker_(broker),
        journal_(journal),
        log_(log),
        ledger_(replay_.initial_equity),
        jctx_(*this, journal, settings.account, this),
        facing_(*this, jctx_) {}

  // --- StrategyContext (beneath the journal)
  const Clock& clock() const override { return clock_; }
  const ExchangeCalendar& calendar() const override { return *in_.calendar; }
  const OptionPricer& pricer() const override { return *in_.pricer; }
  double risk_free_rate() const override { return model_.params().spxw.rate; }
  ClientOrderId submit_combo(const ComboOrder&) override { throw std::logic_error("paper orders go through the journal"); }
  ClientOrderId submit_order(const SingleOrder&) override { throw std::logic_error("paper orders go through the journal"); }
  void cancel(const ClientOrderId&) override {}  // paper orders fill or end at once; nothing works
  std::vector<Order> open_orders() const override { return {}; }
  std::vector<Position> positions() const override {
    std::vector<Position> out;
    out.reserve(positions_.size());
    for (const auto& [key, p] : positions_) out.push_back(p);
    return out;
  }
  PortfolioGreeks portfolio_greeks() const override {
    return book_greeks(positions_, model_, day_->market(), clock_.now.minutes);
  }
  AccountSummary account() const override {
    AccountSummary a;
    a.equity = ledger_.equity();
    a.realized_today = ledger_.cash() - day_start_cash_;
    a.unrealized = (a.equity - ledger_.cash()) - (day_start_equity_ - day_start_cash_);
    return a;
  }
  void request_chain(const ChainRequest& request) override {
    auto snapshot = std::make_shared<OptionChainSnapshot>(day_->chain_snapshot(request, clock_.now, clock_.now_utc()));
    queue_.push_back([this, snapshot] { strategy_.on_option_chain(*snapshot); });
  }
  TimerId schedule(ExchangeTime when, std::string name) override {
    const TimerId id = ++next_timer_;
    timers_.emplace(TimerKey{day_number(when.date), when.minutes, id}, TimerEvent{id, std::move(name), when});
    return id;
  }
  void cancel_timer(TimerId id) override {
    std::erase_if(timers_, [&](const auto& kv) { return std::get<2>(kv.first) == id; });
  }
  void log(LogLevel level, std::string_view source, std::string_view message) override {
    if (level == LogLevel::Decision) ++decisions_;
    if (log_) log_(settings_.variant, level, source, message);
  }
  void persist(std::string_view, std::string_view) override {}  // the journal keeps state
  std::optional<std::string> restore(std::string_view) const override { return std::nullopt; }

  // --- ChosenIdExecution: a journaled order on its way to the broker.
  void submit_combo_as(const ClientOrderId& id, const ComboOrder& order) override { send(id, order); }
  void submit_order_as(const ClientOrderId& id, const SingleOrder& order) override { send(id, order); }

  // An order the journal already closed: the strategy sees what it saw then, nothing is sent.
  template <class OrderT>
  void replayed(const journal::ReplayedOrder& r, const OrderT& order) {
    ++report_.orders_from_journal;
    std::vector<LegOrder> legs;
    const auto problem = price(order, legs);
    if (r.event.state == OrderState::Rejected) {
      std::string reason = r.event.reason;
      if (reason.starts_with("rejected: ")) reason.erase(0, 10);
      reject(r.event.id, reason);
      return;
    }
    if (problem) {
      halt("journal says " + r.event.id + " executed, but the model cannot price it: " + *problem);
      reject(r.event.id, *problem);
      return;
    }
    const Booked b = book(r.event.id, order, legs);
    if (b.cancelled != (r.event.state == OrderState::Cancelled))
      halt("journal outcome of " + r.event.id + " (" + r.event.reason + ") differs from the model's");
  }

  // Persist from the strategy: while re-driving days already checkpointed, compare instead of write.
  void persist_from_strategy(std::string_view key, std::string_view blob) {
    if (checkpoint_day_ && clock_.now.date <= *checkpoint_day_) {
      if (clock_.now.date == *checkpoint_day_ && key != kHostKey) {
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
    if (in_.signals) result.signals.columns = in_.signals->columns;
    result.signals.values.assign(result.signals.columns.size(), {});
    std::map<std::string, int> day_counts;
    std::optional<SignalValues> previous;
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
        if (snapshot) {
          if (result.signals.columns.empty() && n == 0) {
            result.signals.columns = fed->signal_columns;
            if (result.signals.columns.empty()) {
              for (const auto& [name, v] : snapshot->values) result.signals.columns.push_back(name);
              std::sort(result.signals.columns.begin(), result.signals.columns.end());
            }
            result.signals.values.assign(result.signals.columns.size(), {});
          }
          for (std::size_t c = 0; c < result.signals.columns.size(); ++c) {
            auto it = snapshot->values.find(result.signals.columns[c]);
            result.signals.values[c].push_back(it == snapshot->values.end() ? Value{} : it->second);
          }
        } else {
          for (auto& column : result.signals.values) column.emplace_back();
        }
      } else {
        if (n >= replay_rows.size()) break;
        r = replay_rows[n];
      }
      if (!first_day) first_day = rows[r].date;
      last_day = rows[r].date;
      if (!source && in_.signals && r > 0) {
        auto today = in_.signals->values_on(rows[r - 1].date);
        if (r > 1) previous = in_.signals->values_on(rows[r - 2].date);
        if (today) {
          SignalSnapshot s;
          s.time = {rows[r].date, replay_.open_minutes};
          for (std::size_t c = 0; c < result.signals.columns.size(); ++c) {
            auto it = today->find(result.signals.columns[c]);
            result.signals.values[c].push_back(it == today->end() ? Value{} : it->second);
          }
          s.values = std::move(*today);
          snapshot = std::move(s);
        }
      }
      if (!source && in_.signals && !snapshot)
        for (auto& column : result.signals.values) column.emplace_back();
      result.signals.dates.push_back(rows[r].date);

      ReplayDay day(market_, replay_, r, std::move(snapshot));
      const MarketDay& m = day.market();
      if (const auto atm = model_.spxw().atm_vol(m.vols, m.vix_close))
        ++day_counts[std::string("SPXW ATM vol from ") + atm_vol_source_name(atm->source)];
      if (model_.vix().atm_vol(m.vols.get(VolIndex::VVIX), m.date, 30).source == VvixSource::fallback)
        ++day_counts["VIX option vol from the VVIX fallback (86)"];
      if (!m.curve) ++day_counts["no VX curve (VX forward from the VIX-index proxy)"];

      if (n == 0) start(day);
      step(day);
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
    strategy_.on_stop();
    drain();
    if (!reconciled_) reconcile();  // a session whose every day was already done: still compare

    // The result, built as run_backtest builds it (one variant).
    OhlcSeries spx;
    spx.bars.reserve(rows.size());
    for (const PanelRow& row : rows) spx.bars.push_back(row.spx);
    const auto crash_days = merge_crash_days(bs.named_crash_days, spx_drop_days(spx, bs.crash_threshold, range->from, range->to));
    VariantResult out;
    out.name = settings_.variant;
    out.sizing_mode = settings_.sizing_mode;
    out.ladder_layers = replay_.ladder_layers;
    out.daily = daily_;
    out.trades = ledger_.trades();
    auto rows_of_variant = summarize_variant(out, ledger_, bs.metrics, crash_days, bs.crash_windows);
    result.crash_days = std::move(rows_of_variant.days);
    result.crash_windows = std::move(rows_of_variant.windows);
    result.notes = {
        "paper session " + to_iso(result.from) + " .. " + to_iso(result.to) + ", " + std::to_string(daily_.size()) +
            " trading days" + (source ? " from the market-data feed" : "") + "; orders filled by alvh-paper-broker (session " +
            broker_.session().session + ")",
        "signals and rules: values of the previous close (no look-ahead); 15:40 index levels are the day's closes",
        "fills: model mid -/+ slippage per leg, fees per contract; no option quotes are bundled",
    };
    for (const auto& [label, count] : day_counts) result.notes.push_back(count_note(label.c_str(), count, replay_rows.size()));
    diagnostics_["decisions logged"] = decisions_;
    for (const auto& [label, count] : diagnostics_) result.notes.push_back(out.name + ": " + label + ": " + std::to_string(count));
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
  using TimerKey = std::tuple<int, int, TimerId>;
  struct Booked {
    bool cancelled = false;
    Fill fill;
  };

  // --- crash points (test hook) and the trading gate
  // Counted only past the re-drive, so every restart makes new progress before it dies.
  void crash_point() {
    if (catching_up_) return;
    if (settings_.kill_at > 0 && ++crash_points_ == settings_.kill_at) std::raise(SIGKILL);
  }
  void halt(const std::string& why) {
    if (state_ != TradingState::Halted) log(LogLevel::Error, "paper", "HALTED: " + why);
    state_ = TradingState::Halted;
    state_reason_ = why;
  }
  void reduce(const std::string& why) {
    if (state_ != TradingState::Active) return;
    log(LogLevel::Warning, "paper", "REDUCING: " + why);
    state_ = TradingState::Reducing;
    state_reason_ = why;
  }

  // --- the replay script (ReplaySession::Context::start/step)
  void start(const ReplayDay& first) {
    clock_.now = {first.market().date, replay_.open_minutes - 30};
    day_start_cash_ = day_start_equity_ = ledger_.equity();
    strategy_.init(facing_);
    sync();
    strategy_.on_start();
    drain();
  }

  void step(ReplayDay& day) {
    day_ = &day;
    const Date today = day.market().date;
    catching_up_ = checkpoint_day_ && today <= *checkpoint_day_;
    day_start_cash_ = ledger_.cash();
    day_start_equity_ = ledger_.equity();
    const double condor0 = ledger_.book_pnl(Book::condor), hedge0 = ledger_.book_pnl(Book::hedge);

    fire_timers(today, replay_.open_minutes - 1);
    clock_.now = {today, replay_.open_minutes};
    sync();
    settle_expiring(day, true);
    if (day.signals()) {
      SignalSnapshot s = *day.signals();
      s.time = clock_.now;
      deliver([&] { strategy_.on_signals(s); });
    }
    fire_timers(today, day.index_minutes() - 1);
    clock_.now = {today, day.index_minutes()};
    sync();
    mark(day.index_minutes());
    deliver([&] { strategy_.on_index_values(day.index_values()); });
    if (!positions_.empty()) {
      QuoteSnapshot snap{clock_.now, {}};
      for (const auto& [key, p] : positions_)
        if (auto q = quote(p.instrument, clock_.now.minutes)) snap.quotes.push_back(q->quote);
      deliver([&] { strategy_.on_quotes(snap); });
    }
    fire_timers(today, day.close_minutes() - 1);
    clock_.now = {today, day.close_minutes()};
    sync();
    settle_expiring(day, false);
    deliver([&] { strategy_.on_daily_bar({"SPX", day.row().spx}); });
    deliver([&] { strategy_.on_daily_bar({"VIX", day.row().vix}); });
    fire_timers(today, 24 * 60);
    clock_.now = {today, day.close_minutes()};
    mark(day.close_minutes());
    record(today, condor0, hedge0);
  }

  template <class F>
  void deliver(F&& f) {
    maybe_reconcile();
    f();
    drain();
  }

  void fire_timers(Date today, int until_minutes) {
    const int day = day_number(today);
    while (!timers_.empty()) {
      const auto it = timers_.begin();
      const auto [d, minutes, id] = it->first;
      if (d > day || (d == day && minutes > until_minutes)) break;
      const TimerEvent event = it->second;
      timers_.erase(it);
      clock_.now = {today, d < day ? clock_.now.minutes : std::max(minutes, clock_.now.minutes)};
      sync();
      deliver([&] { strategy_.on_timer(event); });
    }
  }

  void drain() {
    while (!queue_.empty()) {
      auto f = std::move(queue_.front());
      queue_.pop_front();
      f();
    }
  }

  // Announces the replay time to the broker (not while re-driving checkpointed days: the broker is
  // past them). The first time the broker accepts a time, the re-drive has caught up: reconcile.
  void sync() {
    if (catching_up_) return;
    const ClockResult r = broker_.advance(clock_.now);
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
    journal_.audit(clock_.now_utc(), "reconcile", "paper", summary);
    log(LogLevel::Info, "paper", "reconciled with the broker: " + summary);
    if (verdict.state == journal::RecommendedState::Halted) halt("reconciliation: " + verdict.summary());
    if (verdict.state == journal::RecommendedState::Reducing) reduce("reconciliation: " + verdict.summary());
  }

  // --- orders
  std::optional<ModelQuote> quote(const Instrument& i, int minutes) const {
    return model_.quote(i, day_->market(), minutes);
  }
  void count_forward(const ModelQuote& q) {
    if (q.forward_source == "extrapolated" || q.forward_source == "index_proxy")
      ++diagnostics_["fills priced on a VX forward that is " + q.forward_source];
    if (q.vol_source == "VVIX fallback") ++diagnostics_["fills priced with the VVIX fallback"];
  }

  // Prices the legs at the replay time as the replay engine does; the reason when it cannot.
  std::optional<std::string> price(const ComboOrder& order, std::vector<LegOrder>& legs) {
    if (order.legs.empty() || order.quantity <= 0 || !std::isfinite(order.limit))
      return "invalid combo order (no legs, quantity <= 0 or non-finite limit)";
    for (const ComboLeg& leg : order.legs) {
      const auto q = quote(leg.instrument, clock_.now.minutes);
      if (!q) return "no model price for " + symbol(leg.instrument);
      count_forward(*q);
      legs.push_back({leg.instrument, leg.side == Side::Buy ? leg.ratio : -leg.ratio, q->quote.mid()});
    }
    return std::nullopt;
  }
  std::optional<std::string> price(const SingleOrder& order, std::vector<LegOrder>& legs) {
    if (order.quantity <= 0 || !std::isfinite(order.limit)) return "invalid order (quantity <= 0 or non-finite limit)";
    const auto q = quote(order.instrument, clock_.now.minutes);
    if (!q) return "no model price for " + symbol(order.instrument);
    count_forward(*q);
    legs.push_back({order.instrument, order.side == Side::Buy ? 1 : -1, q->quote.mid()});
    return std::nullopt;
  }
  static bool is_invalid(const std::string& reason) { return reason.starts_with("invalid "); }

  void reject(const ClientOrderId& id, std::string reason) {
    queue_.push_back([this, e = OrderEvent{id, OrderState::Rejected, 0, std::move(reason), clock_.now_utc()}] {
      strategy_.on_order_event(e);
    });
  }

  // Books an accepted order into the mirror exactly as the replay engine executes it, and queues the
  // events the engine would deliver.
  Booked book(const ClientOrderId& id, const ComboOrder& o, const std::vector<LegOrder>& legs) {
    return execute(id, legs, o.quantity, o.limit, o.effect, o.tag, true);
  }
  Booked book(const ClientOrderId& id, const SingleOrder& o, const std::vector<LegOrder>& legs) {
    return execute(id, legs, o.quantity, o.limit, o.side == Side::Buy ? PriceEffect::Debit : PriceEffect::Credit, o.tag,
                   false);
  }
  Booked execute(const ClientOrderId& id, const std::vector<LegOrder>& legs, int quantity, double limit,
                 PriceEffect effect, const std::string& tag, bool combo) {
    const ComboFill fill = fills_.fill(legs, quantity);
    const double magnitude = std::fabs(fill.net_price);
    const PriceEffect got = fill.net_price < 0 ? PriceEffect::Credit : fill.net_price > 0 ? PriceEffect::Debit : effect;
    const Timestamp now = clock_.now_utc();
    Booked out;
    queue_.push_back([this, e = OrderEvent{id, OrderState::Accepted, 0, {}, now}] { strategy_.on_order_event(e); });
    if (replay_.enforce_limits) {
      const bool ok = effect == PriceEffect::Credit ? (got == PriceEffect::Credit || magnitude == 0) && magnitude + 1e-9 >= limit
                                                    : (got == PriceEffect::Credit || magnitude <= limit + 1e-9);
      if (!ok) {
        out.cancelled = true;
        queue_.push_back([this, e = OrderEvent{id, OrderState::Cancelled, 0,
                                               "limit " + std::to_string(limit) + " not reached by the model fill " +
                                                   std::to_string(magnitude),
                                               now}] { strategy_.on_order_event(e); });
        return out;
      }
    }
    const Book book = book_of(legs.front().instrument);
    const std::string action = booking_action(tag, combo, legs.front().ratio);
    ledger_.apply(clock_.now.date, clock_.now.minutes, book, position_id(tag, legs.front().instrument, combo),
                  group_of(book, tag), action, fill);
    Fill& f = out.fill;
    f.id = id;
    f.quantity = quantity;
    f.net_price = magnitude;
    f.effect = got;
    f.commission = fill.fees;
    f.time = now;
    for (const FilledLeg& leg : fill.legs) {
      update_position(leg.instrument, leg.quantity, leg.price, tag);
      f.legs.push_back({leg.instrument, leg.quantity > 0 ? Side::Buy : Side::Sell, std::abs(leg.quantity), leg.price});
    }
    queue_.push_back([this, e = OrderEvent{id, OrderState::Filled, quantity, {}, now}] { strategy_.on_order_event(e); });
    queue_.push_back([this, f] { strategy_.on_fill(f); });
    return out;
  }

  template <class OrderT>
  void send(const ClientOrderId& id, const OrderT& order) {
    crash_point();  // journaled, not sent
    maybe_reconcile();
    const Timestamp now = clock_.now_utc();
    if (state_ == TradingState::Halted || (state_ == TradingState::Reducing && !ends_with(order.tag, ":close"))) {
      const std::string why = std::string(to_string(state_)) + ": " + state_reason_;
      jctx_.record_nack(id, why);
      reject(id, why);
      return;
    }
    std::vector<LegOrder> legs;
    const auto problem = price(order, legs);
    if (problem && is_invalid(*problem)) {  // refused here, as the engine does; never sent
      jctx_.record_nack(id, *problem);
      reject(id, *problem);
      return;
    }
    const OrderOutcome out = broker_.submit(id, order);
    ++report_.orders_sent;
    if (out.duplicate) ++report_.orders_resent;
    crash_point();  // the broker answered; nothing journaled yet
    if (out.nack) {
      jctx_.record_nack(id, out.nack->code + ": " + out.nack->message);
      if (!problem) halt("the broker refused " + id + " (" + out.nack->message + ") which the model prices");
      reject(id, out.nack->code == "rejected" ? out.nack->message : out.nack->code + ": " + out.nack->message);
      return;
    }
    jctx_.record_ack(id, out.ack_id);
    if (problem) {
      halt("the broker executed " + id + " which the model cannot price (" + *problem + ")");
      reject(id, *problem);
      return;
    }
    const Booked b = book(id, order, legs);
    if (!out.duplicate) verify(id, b, out);
    jctx_.record_event(OrderEvent{id, OrderState::Accepted, 0, {}, now});
    if (b.cancelled) {
      jctx_.record_event(OrderEvent{id, OrderState::Cancelled, 0, "limit not reached", now});
    } else {
      jctx_.record_event(OrderEvent{id, OrderState::Filled, order.quantity, {}, now});
      // Paper fills are whole orders: one execution per id, so the id names it (exactly once).
      jctx_.record_fill(out.fills.empty() ? b.fill : out.fills.front(), id + ":1");
    }
    crash_point();  // journaled, not yet delivered
  }

  void verify(const ClientOrderId& id, const Booked& b, const OrderOutcome& out) {
    bool filled = false;
    for (const OrderEvent& e : out.events) filled = filled || e.state == OrderState::Filled;
    if (filled == b.cancelled) {
      halt("broker outcome of " + id + " differs from the model's");
      return;
    }
    if (b.cancelled) return;
    if (out.fills.size() != 1 || out.fills.front().quantity != b.fill.quantity ||
        std::fabs(out.fills.front().net_price - b.fill.net_price) > 1e-9 ||
        std::fabs(out.fills.front().commission - b.fill.commission) > 1e-9)
      halt("broker fill of " + id + " differs from the model's fill");
  }

  void update_position(const Instrument& inst, int qty, double price, const std::string& tag) {
    book_position(positions_, inst, qty, price, tag);
  }

  void settle_expiring(const ReplayDay& day, bool vix_family) {
    const Date today = day.market().date;
    struct Due {
      std::string position;
      Instrument instrument;
      int quantity;
    };
    std::vector<Due> due;
    for (const PositionRecord* p : ledger_.open_positions())
      for (const PositionLeg& leg : p->legs)
        if (is_vix_family(leg.instrument) == vix_family && leg.instrument.expiry <= today)
          due.push_back({p->id, leg.instrument, leg.quantity});
    std::map<std::string, Settlement> events;
    for (const Due& d : due) {
      const auto value = model_.settlement(d.instrument, day.market());
      if (!value) {
        ++diagnostics_["settlements without a settlement value (left open)"];
        continue;
      }
      if (value->source == SettlementSource::vix_close_proxy) ++diagnostics_["VIX settlements at the VIX close (no open)"];
      if (value->source == SettlementSource::vix_open) ++diagnostics_["VIX settlements at the VIX open (SOQ stand-in)"];
      const SettlementFill fill = fills_.settle(d.instrument, d.quantity, value->value);
      ledger_.settle(today, clock_.now.minutes, d.position, fill);
      update_position(d.instrument, -d.quantity, fill.value, {});
      Settlement& s = events[symbol(d.instrument)];
      s.instrument = d.instrument;
      s.date = today;
      s.settlement_price = value->value;
      s.quantity += d.quantity;
      s.cash += fill.cash;
    }
    // The broker settled the same positions when it crossed this time (unless it was past it).
    std::map<std::string, int> from_broker;
    for (const Settlement& s : broker_settlements_) from_broker[symbol(s.instrument)] += s.quantity;
    if (!broker_settlements_.empty()) {
      std::map<std::string, int> mine;
      for (const auto& [key, s] : events) mine[key] = s.quantity;
      if (mine != from_broker) halt("the broker's settlements at " + to_string(clock_.now) + " differ from the model's");
    }
    broker_settlements_.clear();
    for (const auto& [key, s] : events) jctx_.record_settlement(s);
    maybe_reconcile();
    for (const auto& [key, s] : events) {
      strategy_.on_settlement(s);
      drain();
    }
  }

  void mark(int minutes) { mark_ledger(ledger_, model_, day_->market(), minutes); }

  void record(Date today, double condor0, double hedge0) {
    daily_.push_back(daily_record(today, ledger_, condor0, hedge0, replay_.ladder_layers, positions_, model_, day_->market(),
                                  clock_.now.minutes));
  }

  const BacktestInputs& in_;
  const PaperSessionSettings& settings_;
  const ReplaySettings& replay_;
  OptionModel model_;
  FillModel fills_;
  ReplayMarket market_;
  Strategy& strategy_;
  BrokerLink& broker_;
  journal::Journal& journal_;
  LogSink log_;
  ReplayClock clock_;
  Ledger ledger_;
  journal::JournaledContext jctx_;
  StrategyFacing facing_;
  ReplayDay* day_ = nullptr;
  std::map<std::string, Position> positions_;
  std::map<TimerKey, TimerEvent> timers_;
  std::deque<std::function<void()>> queue_;
  std::vector<DailyRecord> daily_;
  std::map<std::string, int> diagnostics_;
  std::vector<Settlement> broker_settlements_;
  int decisions_ = 0;
  TimerId next_timer_ = 0;
  double day_start_cash_ = 0, day_start_equity_ = 0;
  std::optional<Date> checkpoint_day_;
  bool catching_up_ = false, reconciled_ = false, reconcile_due_ = false, state_verified_ = false;
  TradingState state_ = TradingState::Active;
  std::string state_reason_;
  long crash_points_ = 0;
  PaperSessionReport report_;
};

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
