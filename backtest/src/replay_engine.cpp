#include "alvh/backtest/replay_engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

#include "alvh/backtest/booking.hpp"
#include "alvh/backtest/model_executor.hpp"
#include "alvh/venue/year_fraction.hpp"

namespace alvh::backtest {

namespace {

int day_number(Date d) { return static_cast<int>(to_days(d).time_since_epoch().count()); }

class ReplayClock final : public Clock {
 public:
  ExchangeTime now{};
  Timestamp now_utc() const override { return venue::replay_timestamp(now.date, now.minutes); }
  ExchangeTime now_local() const override { return now; }
};

}  // namespace

ReplayMarket replay_market(const venue::SimulatedMarket& v) {
  return {&v.panel(), &v.calendar(), &v.pricer(), &v.model(), &v.fills(), &v};
}

// ------------------------------------------------------------------------------------------------
// ReplayDay

ReplayDay::ReplayDay(const ReplayMarket& market, const ReplaySettings& settings, std::size_t row,
                     std::optional<SignalSnapshot> signals)
    : market_(&market),
      settings_(&settings),
      row_(&market.panel->rows.at(row)),
      day_(venue::market_day(*row_)),
      signals_(std::move(signals)) {
  close_minutes_ = market.calendar->is_trading_day(day_.date) ? market.calendar->close_minutes(day_.date) : hhmm(16, 0);
  index_minutes_ = std::min(settings.index_minutes, close_minutes_ - 20);
}

IndexValues ReplayDay::index_values() const {
  IndexValues v;
  v.time = {day_.date, index_minutes_};
  v.spx = day_.spx_close;
  v.vix = day_.vix_close;
  v.vix1d = day_.vols.get(VolIndex::VIX1D);
  v.vix9d = day_.vols.get(VolIndex::VIX9D);
  v.vix3m = day_.vols.get(VolIndex::VIX3M);
  v.vvix = day_.vols.get(VolIndex::VVIX);
  if (day_.curve)
    for (std::size_t i = 0; i < kVxMonths; ++i)
      if (day_.curve->settle[i] && day_.curve->expiry[i] && *day_.curve->expiry[i] >= day_.date) {
        v.vx_front = day_.curve->settle[i];
        break;
      }
  return v;
}

std::optional<double> ReplayDay::chain_forward(const std::string& root, Date expiry, int minutes) const {
  if (root == "SPXW") {
    const double years = venue::act365_years(day_.date, minutes, expiry, market_->model->params().spxw_expiry_minutes);
    if (years < 0) return std::nullopt;
    return market_->model->spxw().forward(day_.spx_close, years);
  }
  const auto f = venue::vx_forward(day_.curve, &day_.vols, day_.date, expiry);
  return f ? std::optional<double>(f->value) : std::nullopt;
}

OptionChainSnapshot ReplayDay::band_snapshot(const ChainRequest& request, ExchangeTime now, Timestamp observed) {
  OptionChainSnapshot snapshot;
  snapshot.root = request.root;
  snapshot.time = now;
  snapshot.observed = observed;
  snapshot.underlying = request.root == "SPXW" ? day_.spx_close : day_.vix_close.value_or(0.0);
  std::vector<Date> expiries = request.expiries;
  if (expiries.empty() && request.root == "VIX" && day_.curve)
    for (std::size_t i = 0; i < kVxMonths; ++i)
      if (day_.curve->expiry[i] && *day_.curve->expiry[i] >= day_.date) expiries.push_back(*day_.curve->expiry[i]);
  for (Date e : expiries) {
    if (auto f = chain_forward(request.root, e, now.minutes)) snapshot.forwards.push_back({e, *f});
    const auto& quotes = chain_quotes(request.root, e, now.minutes);
    snapshot.quotes.insert(snapshot.quotes.end(), quotes.begin(), quotes.end());
  }
  return snapshot;
}

std::shared_ptr<const OptionChainSnapshot> ReplayDay::shared_chain_snapshot(const ChainRequest& request,
                                                                             ExchangeTime now, Timestamp observed,
                                                                             std::span<const Instrument> held) {
  std::vector<int> days;
  days.reserve(request.expiries.size());
  for (Date e : request.expiries) days.push_back(day_number(e));
  auto& band = snapshots_[std::make_tuple(request.root, std::move(days), now.minutes, observed)];
  if (!band) band = std::make_shared<const OptionChainSnapshot>(band_snapshot(request, now, observed));
  // What the strategy holds is always in its chain, however far the strike is from the band.
  std::shared_ptr<OptionChainSnapshot> own;
  for (const Instrument& inst : held) {
    if (inst.root != request.root) continue;
    const auto& quotes = own ? own->quotes : band->quotes;
    if (std::any_of(quotes.begin(), quotes.end(), [&](const Quote& q) { return q.instrument == inst; })) continue;
    if (const venue::ModelQuote* q = model_quote(inst, now.minutes)) {
      if (!own) own = std::make_shared<OptionChainSnapshot>(*band);
      own->quotes.push_back(q->quote);
      if (!own->forward_for(inst.expiry))
        if (auto f = chain_forward(request.root, inst.expiry, now.minutes)) own->forwards.push_back({inst.expiry, *f});
    }
  }
  if (own) return own;
  return band;
}

OptionChainSnapshot ReplayDay::chain_snapshot(const ChainRequest& request, ExchangeTime now, Timestamp observed,
                                              std::span<const Instrument> held) {
  return *shared_chain_snapshot(request, now, observed, held);
}

std::size_t ReplayDay::QuoteKeyHash::operator()(const QuoteKey& k) const noexcept {
  const Instrument& i = k.instrument;
  std::size_t h = std::hash<double>{}(i.strike);
  const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(static_cast<std::size_t>(day_number(i.expiry)));
  mix(static_cast<std::size_t>(i.right) * 2 + static_cast<std::size_t>(i.kind));
  mix(static_cast<std::size_t>(k.minutes));
  mix(std::hash<std::string>{}(i.root));
  return h;
}

const venue::ModelQuote* ReplayDay::model_quote(const Instrument& instrument, int minutes) {
  QuoteKey key{instrument, minutes};
  if (auto it = model_quotes_.find(key); it != model_quotes_.end()) return it->second ? &*it->second : nullptr;
  auto& slot = model_quotes_[std::move(key)];
  slot = market_->model->quote(instrument, day_, minutes);
  return slot ? &*slot : nullptr;
}

const std::vector<Quote>& ReplayDay::chain_quotes(const std::string& root, Date expiry, int minutes) {
  const auto key = std::make_tuple(root, day_number(expiry), minutes);
  if (auto it = chains_.find(key); it != chains_.end()) return it->second;
  std::vector<Quote>& out = chains_[key];
  const venue::OptionModel& model = *market_->model;
  auto add = [&](const Instrument& inst) {
    if (auto q = model.quote(inst, day_, minutes)) out.push_back(q->quote);
  };
  if (root == "SPXW") {
    const double years = venue::act365_years(day_.date, minutes, expiry, model.params().spxw_expiry_minutes);
    const auto atm = model.spxw().atm_vol(day_.vols, day_.vix_close);
    if (years < 0 || !atm || !(day_.spx_close > 0)) return out;
    const double spot = day_.spx_close;
    const double fwd = model.spxw().forward(spot, years);
    const double step = settings_->spxw_strike_step;
    const double band = settings_->spxw_band_sigmas * atm->vol * std::sqrt(std::max(years, 1.0 / 365.0)) * spot +
                        settings_->spxw_band_pad;
    const auto lo = static_cast<long>(std::ceil(std::max(spot - band, step) / step));
    const auto hi = static_cast<long>(std::floor((spot + band) / step));
    out.reserve(static_cast<std::size_t>(std::max(hi - lo + 2, 0L)));
    // Out-of-the-money side of each right (plus the strikes straddling the forward).
    for (long n = lo; n <= hi; ++n) {
      const double k = static_cast<double>(n) * step;
      if (k < fwd + step) add(spxw_option(expiry, k, OptionType::Put));
    }
    for (long n = lo; n <= hi; ++n) {
      const double k = static_cast<double>(n) * step;
      if (k > fwd - step) add(spxw_option(expiry, k, OptionType::Call));
    }
    return out;
  }
  if (root == "VIX") {
    const auto f = venue::vx_forward(day_.curve, &day_.vols, day_.date, expiry);
    if (!f || !(f->value > 0)) return out;
    // Calls only: the ladder holds calls. Grid 0.50 below the switch level, 1.00 above.
    const auto lo = static_cast<long>(std::ceil(std::max(settings_->vix_strike_low * f->value, 0.5) * 2.0));
    const auto hi = static_cast<long>(std::floor(settings_->vix_strike_high * f->value * 2.0));
    for (long n = lo; n <= hi; ++n) {
      const double k = static_cast<double>(n) / 2.0;
      if (k >= settings_->vix_grid_switch && n % 2 != 0) continue;
      add(vix_option(expiry, k, OptionType::Call));
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// ReplaySession::Context: the StrategyContext of one variant, and the day script.

class ReplaySession::Context final : public StrategyContext {
 public:
  Context(const ReplayMarket& market, const ReplaySettings& settings, std::string name,
          std::unique_ptr<Strategy> owned, Strategy* strategy, OrderExecutor* executor, LogSink log)
      : market_(market),
        settings_(settings),
        name_(std::move(name)),
        owned_(std::move(owned)),
        strategy_(owned_ ? owned_.get() : strategy),
        own_executor_(executor ? nullptr : make_model_executor(market, settings)),
        executor_(executor ? executor : own_executor_.get()),
        log_(std::move(log)),
        ledger_(settings.initial_equity) {}

  // --- StrategyContext
  const Clock& clock() const override { return clock_; }
  const ExchangeCalendar& calendar() const override { return *market_.calendar; }
  const OptionPricer& pricer() const override { return *market_.pricer; }
  double risk_free_rate() const override { return market_.model->params().spxw.rate; }

  ClientOrderId submit_combo(const ComboOrder& order) override {
    const ClientOrderId id = next_id();
    submit_as(id, order);
    return id;
  }
  ClientOrderId submit_order(const SingleOrder& order) override {
    const ClientOrderId id = next_id();
    submit_as(id, order);
    return id;
  }

  void cancel(const ClientOrderId&) override {}  // orders fill or end at once; nothing works
  std::vector<Order> open_orders() const override { return {}; }

  std::vector<Position> positions() const override {
    std::vector<Position> out;
    out.reserve(positions_.size());
    for (const auto& [key, p] : positions_) out.push_back(p);
    return out;
  }

  PortfolioGreeks portfolio_greeks() const override {
    return book_greeks(positions_, day_quotes(clock_.now.minutes));
  }

  AccountSummary account() const override {
    AccountSummary a;
    a.equity = ledger_.equity();
    a.realized_today = ledger_.cash() - day_start_cash_;
    a.unrealized = (a.equity - ledger_.cash()) - (day_start_equity_ - day_start_cash_);
    return a;
  }

  void request_chain(const ChainRequest& request) override {
    std::vector<Instrument> held;
    for (const auto& [key, p] : positions_)
      if (p.quantity != 0) held.push_back(p.instrument);
    auto snapshot = day_->shared_chain_snapshot(request, clock_.now, clock_.now_utc(), held);
    queue_.push_back([this, snapshot] { strategy_->on_option_chain(*snapshot); });
  }

  TimerId schedule(ExchangeTime when, std::string name) override {
    const TimerId id = ++next_timer_;
    const TimerKey key{day_number(when.date), when.minutes, id};
    timers_.emplace(key, TimerEvent{id, std::move(name), when});
    return id;
  }
  void cancel_timer(TimerId id) override {
    std::erase_if(timers_, [&](const auto& kv) { return std::get<2>(kv.first) == id; });
  }

  void log(LogLevel level, std::string_view source, std::string_view message) override {
    if (level == LogLevel::Decision) ++decisions_;
    if (log_) log_(name_, level, source, message);
  }
  bool log_enabled(LogLevel level) const override {
    return log_ && (level != LogLevel::Decision || sink_reads_all_decisions_);
  }
  bool sink_reads_all_decisions_ = true;
  void persist(std::string_view key, std::string_view blob) override { store_[std::string(key)] = std::string(blob); }
  std::optional<std::string> restore(std::string_view key) const override {
    auto it = store_.find(std::string(key));
    return it == store_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }

  // --- orders: priced here, executed by the executor, booked and delivered here.
  template <class OrderT>
  void submit_as(const ClientOrderId& id, const OrderT& order) {
    ExecutorOrder o;
    o.id = id;
    o.time = clock_.now;
    o.at = clock_.now_utc();
    if constexpr (std::is_same_v<OrderT, ComboOrder>) o.combo = &order;
    else o.single = &order;
    if (auto why = executor_->refuse(o)) {
      reject(id, std::move(*why));
      return;
    }
    o.problem = price(order, o.legs);
    Execution e = executor_->execute(o);
    if (e.state == ExecutionState::Rejected) {
      reject(id, e.reason.empty() && o.problem ? *o.problem : e.reason);
      return;
    }
    queue_.push_back([this, ev = OrderEvent{id, OrderState::Accepted, 0, {}, o.at}] { strategy_->on_order_event(ev); });
    const bool combo = o.combo != nullptr;
    const std::string& tag = o.tag();
    int filled = 0;
    for (ExecutedFill& x : e.fills) {
      if (x.booked.legs.empty()) continue;
      // Booked from the venue's legs: the first leg's instrument and side name the position.
      const venue::FilledLeg& first = x.booked.legs.front();
      const Book book = book_of(first.instrument);
      const std::string action = booking_action(tag, combo, first.quantity);
      ledger_.apply(clock_.now.date, clock_.now.minutes, book, position_id(tag, first.instrument, combo), group_of(book, tag),
                    action, x.booked);
      for (const venue::FilledLeg& leg : x.booked.legs) book_position(positions_, leg.instrument, leg.quantity, leg.price, tag);
      filled += x.fill.quantity;
      if (filled < o.quantity())
        queue_.push_back([this, ev = OrderEvent{id, OrderState::PartiallyFilled, filled, {}, o.at}] { strategy_->on_order_event(ev); });
      else
        queue_.push_back([this, ev = OrderEvent{id, OrderState::Filled, filled, {}, o.at}] { strategy_->on_order_event(ev); });
      queue_.push_back([this, f = std::move(x.fill)] { strategy_->on_fill(f); });
    }
    if (e.state == ExecutionState::Cancelled || filled < o.quantity())
      queue_.push_back([this, ev = OrderEvent{id, OrderState::Cancelled, filled, e.reason, o.at}] { strategy_->on_order_event(ev); });
  }

  // --- driving
  void start(const ReplayDay& first, StrategyContext* facing) {
    clock_.now = {first.market().date, settings_.open_minutes - 30};
    day_start_cash_ = day_start_equity_ = ledger_.equity();
    strategy_->init(facing ? *facing : *this);
    move_to(clock_.now.date, clock_.now.minutes);
    strategy_->on_start();
    drain();
  }

  void step(ReplayDay& day) {
    day_ = &day;
    const Date today = day.market().date;
    day_start_cash_ = ledger_.cash();
    day_start_equity_ = ledger_.equity();
    const double condor0 = ledger_.book_pnl(Book::condor), hedge0 = ledger_.book_pnl(Book::hedge);

    // Open: AM-settled VIX options, then the previous close's signals.
    fire_timers(today, settings_.open_minutes - 1);
    move_to(today, settings_.open_minutes);
    settle_expiring(day, true);
    if (day.signals()) {
      SignalSnapshot s = *day.signals();
      s.time = clock_.now;
      deliver([&] { strategy_->on_signals(s); });
    }
    // Pre-close: index levels, marks and quotes of held positions, then the day's timers.
    fire_timers(today, day.index_minutes() - 1);
    move_to(today, day.index_minutes());
    mark(day.index_minutes());
    deliver([&] { strategy_->on_index_values(day.index_values()); });
    if (!positions_.empty()) {
      QuoteSnapshot snap{clock_.now, {}};
      for (const auto& [key, p] : positions_)
        if (const auto* q = quote(p.instrument, clock_.now.minutes)) snap.quotes.push_back(q->quote);
      deliver([&] { strategy_->on_quotes(snap); });
    }
    fire_timers(today, day.close_minutes() - 1);
    // Close: PM-settled SPXW, daily bars, remaining timers, marks.
    move_to(today, day.close_minutes());
    settle_expiring(day, false);
    deliver([&] { strategy_->on_daily_bar({"SPX", day.row().spx}); });
    deliver([&] { strategy_->on_daily_bar({"VIX", day.row().vix}); });
    fire_timers(today, 24 * 60);
    clock_.now = {today, day.close_minutes()};
    mark(day.close_minutes());
    record(today, condor0, hedge0);
  }

  void stop() {
    strategy_->on_stop();
    drain();
  }

  const std::string& name() const { return name_; }
  const Ledger& ledger() const { return ledger_; }
  const std::vector<DailyRecord>& daily() const { return daily_; }
  const std::map<std::string, int>& diagnostics() const {
    diagnostics_["decisions logged"] = decisions_;
    return diagnostics_;
  }

 private:
  using TimerKey = std::tuple<int, int, TimerId>;  // day number, minutes, id (FIFO at equal times)

  ClientOrderId next_id() { return "bt-" + std::to_string(++next_order_); }

  const venue::ModelQuote* quote(const Instrument& i, int minutes) const { return day_->model_quote(i, minutes); }

  void count_forward(const venue::ModelQuote& q) {
    if (q.forward_source == "extrapolated" || q.forward_source == "index_proxy")
      ++diagnostics_["fills priced on a VX forward that is " + q.forward_source];
    if (q.vol_source == "VVIX fallback") ++diagnostics_["fills priced with the VVIX fallback"];
  }

  // The pricing step: the legs at the model mid of the current time, or why they cannot be priced.
  std::optional<std::string> price(const ComboOrder& order, std::vector<venue::LegOrder>& legs) {
    if (order.legs.empty() || order.quantity <= 0 || !std::isfinite(order.limit))
      return "invalid combo order (no legs, quantity <= 0 or non-finite limit)";
    for (const ComboLeg& leg : order.legs) {
      const auto* q = quote(leg.instrument, clock_.now.minutes);
      if (!q) return "no model price for " + symbol(leg.instrument);
      count_forward(*q);
      legs.push_back({leg.instrument, leg.side == Side::Buy ? leg.ratio : -leg.ratio, q->quote.mid()});
    }
    return std::nullopt;
  }
  std::optional<std::string> price(const SingleOrder& order, std::vector<venue::LegOrder>& legs) {
    if (order.quantity <= 0 || !std::isfinite(order.limit)) return "invalid order (quantity <= 0 or non-finite limit)";
    const auto* q = quote(order.instrument, clock_.now.minutes);
    if (!q) return "no model price for " + symbol(order.instrument);
    count_forward(*q);
    legs.push_back({order.instrument, order.side == Side::Buy ? 1 : -1, q->quote.mid()});
    return std::nullopt;
  }

  void reject(const ClientOrderId& id, std::string reason) {
    queue_.push_back([this, e = OrderEvent{id, OrderState::Rejected, 0, std::move(reason), clock_.now_utc()}] {
      strategy_->on_order_event(e);
    });
  }

  // Books the venue's settlements of every held leg of the VIX family (AM) or SPXW (PM) expiring
  // today or earlier, at the venue's settlement price. A leg the venue did not settle stays open
  // (counted), unless the venue never reports settlements: then the model's reference value settles
  // it, counted as such.
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
      const std::string key = symbol(d.instrument);
      std::optional<double> price;
      if (const auto it = venue_settled_.find(key); it != venue_settled_.end()) {
        price = it->second.settlement_price;
      } else if (const auto kept = executor_->recorded_settlement(d.instrument, today)) {
        price = kept;
      } else if (!executor_->reports_settlements()) {
        if (const auto value = market_.model->settlement(d.instrument, day.market())) {
          price = value->value;
          ++diagnostics_["settlements at the model's reference value (the backend reports none)"];
        }
      }
      if (!price) {
        ++diagnostics_["expired legs the venue did not settle (left open)"];
        continue;
      }
      const venue::SettlementFill fill = market_.fills->settle(d.instrument, d.quantity, *price);
      ledger_.settle(today, clock_.now.minutes, d.position, fill);
      book_position(positions_, d.instrument, -d.quantity, fill.value, {});
      Settlement& s = events[key];
      s.instrument = d.instrument;
      s.date = today;
      s.settlement_price = *price;
      s.quantity += d.quantity;
      s.cash += fill.cash;
    }
    for (const auto& [key, s] : events) {
      const auto it = venue_settled_.find(key);
      if (it != venue_settled_.end() && it->second.quantity != s.quantity)
        ++diagnostics_["settlements whose quantity differs from the venue's"];
      if (it != venue_settled_.end()) venue_settled_.erase(it);
    }
    std::vector<Settlement> settled;
    settled.reserve(events.size());
    for (const auto& [key, s] : events) settled.push_back(s);
    executor_->settled(settled);
    for (const Settlement& s : settled) deliver([&] { strategy_->on_settlement(s); });
  }

  void move_to(Date today, int minutes) {
    clock_.now = {today, minutes};
    for (Settlement& s : executor_->advance(clock_.now)) {
      const std::string key = symbol(s.instrument);
      auto [it, fresh] = venue_settled_.try_emplace(key, s);
      if (!fresh) it->second.quantity += s.quantity, it->second.cash += s.cash;
    }
  }

  void fire_timers(Date today, int until_minutes) {
    const int day = day_number(today);
    while (!timers_.empty()) {
      const auto it = timers_.begin();
      const auto [d, minutes, id] = it->first;
      if (d > day || (d == day && minutes > until_minutes)) break;
      const TimerEvent event = it->second;
      timers_.erase(it);
      move_to(today, d < day ? clock_.now.minutes : std::max(minutes, clock_.now.minutes));
      deliver([&] { strategy_->on_timer(event); });
    }
  }

  // Delivers one event, then everything it caused (fills, chains) in order.
  template <class F>
  void deliver(F&& f) {
    executor_->before_delivery();
    f();
    drain();
  }

  void drain() {
    while (!queue_.empty()) {
      auto f = std::move(queue_.front());
      queue_.pop_front();
      f();
    }
  }

  ModelQuoteLookup day_quotes(int minutes) const {
    return [day = day_, minutes](const Instrument& i) { return day->model_quote(i, minutes); };
  }

  void mark(int minutes) { mark_ledger(ledger_, day_quotes(minutes)); }

  void record(Date today, double condor0, double hedge0) {
    daily_.push_back(
        daily_record(today, ledger_, condor0, hedge0, settings_.ladder_layers, positions_, day_quotes(clock_.now.minutes)));
  }

  const ReplayMarket& market_;
  const ReplaySettings& settings_;
  std::string name_;
  std::unique_ptr<Strategy> owned_;
  Strategy* strategy_;
  static std::unique_ptr<ModelExecutor> make_model_executor(const ReplayMarket& market, const ReplaySettings& settings) {
    if (!market.venue) throw std::invalid_argument("ReplaySession: an in-process session needs ReplayMarket::venue");
    venue::VenueSettings v;
    v.open_minutes = settings.open_minutes;
    v.enforce_limits = settings.enforce_limits;
    return std::make_unique<ModelExecutor>(*market.venue, v);
  }
  std::unique_ptr<ModelExecutor> own_executor_;
  OrderExecutor* executor_;
  LogSink log_;
  ReplayClock clock_;
  Ledger ledger_;
  ReplayDay* day_ = nullptr;
  std::map<std::string, Position> positions_;  // by symbol: deterministic order
  std::map<std::string, Settlement> venue_settled_;  // reported by the venue, not yet booked, by symbol
  std::map<TimerKey, TimerEvent> timers_;
  std::deque<std::function<void()>> queue_;
  std::map<std::string, std::string> store_;
  std::vector<DailyRecord> daily_;
  mutable std::map<std::string, int> diagnostics_;
  int decisions_ = 0;
  std::uint64_t next_order_ = 0;
  TimerId next_timer_ = 0;
  double day_start_cash_ = 0, day_start_equity_ = 0;
};

// ------------------------------------------------------------------------------------------------
// ReplaySession

ReplaySession::ReplaySession(const ReplayMarket& market, const ReplaySettings& settings, std::string name,
                             std::unique_ptr<Strategy> strategy, LogSink log)
    : ctx_(std::make_unique<Context>(market, settings, std::move(name), std::move(strategy), nullptr, nullptr,
                                     std::move(log))) {}

void ReplaySession::set_sink_reads_all_decisions(bool reads_all) { ctx_->sink_reads_all_decisions_ = reads_all; }

ReplaySession::ReplaySession(const ReplayMarket& market, const ReplaySettings& settings, std::string name,
                             Strategy& strategy, OrderExecutor& executor, LogSink log)
    : ctx_(std::make_unique<Context>(market, settings, std::move(name), nullptr, &strategy, &executor, std::move(log))) {}

ReplaySession::~ReplaySession() = default;

const std::string& ReplaySession::name() const { return ctx_->name(); }
void ReplaySession::start(const ReplayDay& first, StrategyContext* facing) { ctx_->start(first, facing); }
void ReplaySession::step(ReplayDay& day) { ctx_->step(day); }
void ReplaySession::stop() { ctx_->stop(); }
StrategyContext& ReplaySession::context() { return *ctx_; }
void ReplaySession::submit_as(const ClientOrderId& id, const ComboOrder& order) { ctx_->submit_as(id, order); }
void ReplaySession::submit_as(const ClientOrderId& id, const SingleOrder& order) { ctx_->submit_as(id, order); }
const Ledger& ReplaySession::ledger() const { return ctx_->ledger(); }
const std::vector<DailyRecord>& ReplaySession::daily() const { return ctx_->daily(); }
const std::map<std::string, int>& ReplaySession::diagnostics() const { return ctx_->diagnostics(); }

}  // namespace alvh::backtest
