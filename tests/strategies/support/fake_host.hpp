#pragma once
// Test host for strategies: fake clock and calendar, closed-form pricer, a recording context that
// queues events (never re-enters the strategy) and fills every accepted order at its limit.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "alvh/core/strategy.hpp"

namespace alvh::test {

class FakeCalendar final : public ExchangeCalendar {
 public:
  std::set<std::string> holidays, early_closes;  // ISO dates
  bool is_trading_day(Date d) const override {
    const auto wd = weekday_of(d);
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday && !holidays.count(to_iso(d));
  }
  bool is_early_close(Date d) const override { return early_closes.count(to_iso(d)) > 0; }
};

// New York is taken as UTC-5 all year; the real conversion is adapters/time's job.
class FakeClock final : public Clock {
 public:
  ExchangeTime local{make_date(2024, 1, 2), 9 * 60 + 30};
  Timestamp now_utc() const override {
    return std::chrono::sys_seconds{std::chrono::sys_days{local.date}} + std::chrono::minutes{local.minutes + 300};
  }
  ExchangeTime now_local() const override { return local; }
};

class ClosedFormPricer final : public OptionPricer {
 public:
  static double ncdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
  static double npdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI); }
  OptionGreeks black76(const Black76Input& in) const override {
    const double sd = in.vol * std::sqrt(in.years), df = std::exp(-in.rate * in.years);
    const double d1 = (std::log(in.forward / in.strike) + 0.5 * sd * sd) / sd, d2 = d1 - sd;
    OptionGreeks g;
    if (in.type == OptionType::Call) {
      g.price = df * (in.forward * ncdf(d1) - in.strike * ncdf(d2));
      g.delta = df * ncdf(d1);
    } else {
      g.price = df * (in.strike * ncdf(-d2) - in.forward * ncdf(-d1));
      g.delta = -df * ncdf(-d1);
    }
    g.gamma = df * npdf(d1) / (in.forward * sd);
    g.vega = df * in.forward * npdf(d1) * std::sqrt(in.years) / 100.0;
    return g;
  }
  OptionGreeks bsm(const BsmInput& in) const override {
    const double fwd = in.spot * std::exp((in.rate - in.dividend) * in.years);
    auto g = black76({in.type, fwd, in.strike, in.years, in.rate, in.vol});
    g.delta *= fwd / in.spot;
    return g;
  }
  template <class Price>
  static ImpliedVol solve(Price price_at, double target) {
    double lo = 1e-4, hi = 5.0;
    if (!(target > price_at(lo)) || !(target < price_at(hi))) return {std::nullopt, "price outside bounds"};
    for (int i = 0; i < 100; ++i) {
      const double mid = 0.5 * (lo + hi);
      (price_at(mid) < target ? lo : hi) = mid;
    }
    return {0.5 * (lo + hi), ""};
  }
  ImpliedVol bsm_implied_vol(const BsmInput& in, double price) const override {
    return solve([&](double v) { auto x = in; x.vol = v; return bsm(x).price; }, price);
  }
  ImpliedVol black76_implied_vol(const Black76Input& in, double price) const override {
    return solve([&](double v) { auto x = in; x.vol = v; return black76(x).price; }, price);
  }
};

struct LogLine {
  LogLevel level;
  std::string source, message;
};

class FakeHost final : public StrategyContext {
 public:
  FakeClock clock_;
  FakeCalendar calendar_;
  ClosedFormPricer pricer_;
  AccountSummary account_{100000.0, 0, 0};
  bool auto_fill = true;  // fill every accepted order at its limit when events are delivered
  // Refuses a single order with the returned reason (as a broker or gate would), when set.
  std::function<std::optional<std::string>(const SingleOrder&)> refuse_single;

  std::vector<LogLine> logs;
  std::vector<ComboOrder> combos;
  std::vector<SingleOrder> singles;
  std::vector<ClientOrderId> cancelled;
  std::vector<ChainRequest> chain_requests;
  std::map<ClientOrderId, Order> orders;
  std::vector<Position> positions_;
  std::function<OptionChainSnapshot(const ChainRequest&)> chain_provider;

  struct Timer {
    ExchangeTime when;
    TimerId id;
    std::string name;
  };
  std::vector<Timer> timers;

  // StrategyContext
  const Clock& clock() const override { return clock_; }
  const ExchangeCalendar& calendar() const override { return calendar_; }
  const OptionPricer& pricer() const override { return pricer_; }
  ClientOrderId submit_combo(const ComboOrder& o) override {
    combos.push_back(o);
    const auto id = "c" + std::to_string(++next_id_);
    orders[id] = Order{id, o, std::nullopt, OrderState::PendingSubmit, 0};
    queue_.push_back(id);
    return id;
  }
  ClientOrderId submit_order(const SingleOrder& o) override {
    singles.push_back(o);
    const auto id = "s" + std::to_string(++next_id_);
    orders[id] = Order{id, std::nullopt, o, OrderState::PendingSubmit, 0};
    queue_.push_back(id);
    return id;
  }
  void cancel(const ClientOrderId& id) override {
    cancelled.push_back(id);
    if (auto it = orders.find(id); it != orders.end()) it->second.state = OrderState::Cancelled;
  }
  std::vector<Order> open_orders() const override {
    std::vector<Order> out;
    for (const auto& [id, o] : orders)
      if (!is_terminal(o.state)) out.push_back(o);
    return out;
  }
  std::vector<Position> positions() const override { return positions_; }
  PortfolioGreeks portfolio_greeks() const override { return {}; }
  AccountSummary account() const override { return account_; }
  void request_chain(const ChainRequest& r) override { chain_requests.push_back(r); pending_chains_.push_back(r); }
  TimerId schedule(ExchangeTime when, std::string name) override {
    timers.push_back({when, ++next_timer_, std::move(name)});
    return next_timer_;
  }
  void cancel_timer(TimerId id) override {
    std::erase_if(timers, [&](const Timer& t) { return t.id == id; });
  }
  void log(LogLevel level, std::string_view source, std::string_view message) override {
    logs.push_back({level, std::string(source), std::string(message)});
  }
  bool reads_decisions = true;  // false: a host that counts decisions but reads none of their texts
  bool log_enabled(LogLevel level) const override { return level != LogLevel::Decision || reads_decisions; }
  void persist(std::string_view key, std::string_view blob) override { store_[std::string(key)] = blob; }
  std::optional<std::string> restore(std::string_view key) const override {
    auto it = store_.find(std::string(key));
    return it == store_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }

  // Test driving.
  void deliver(Strategy& s) {
    while (!queue_.empty() || !pending_chains_.empty()) {
      if (!pending_chains_.empty()) {
        const auto r = pending_chains_.front();
        pending_chains_.erase(pending_chains_.begin());
        if (chain_provider) s.on_option_chain(chain_provider(r));
        continue;
      }
      const auto id = queue_.front();
      queue_.erase(queue_.begin());
      Order& o = orders[id];
      if (o.state != OrderState::PendingSubmit) continue;
      if (o.single && refuse_single)
        if (auto reason = refuse_single(*o.single)) {
          o.state = OrderState::Rejected;
          s.on_order_event({id, OrderState::Rejected, 0, *reason, clock_.now_utc()});
          continue;
        }
      o.state = OrderState::Accepted;
      s.on_order_event({id, OrderState::Accepted, 0, "", clock_.now_utc()});
      if (!auto_fill) continue;
      o.state = OrderState::Filled;
      o.filled_quantity = o.quantity();
      s.on_order_event({id, OrderState::Filled, o.quantity(), "", clock_.now_utc()});
      Fill f{id, o.quantity(), 0, PriceEffect::Debit, {}, 0, clock_.now_utc()};
      if (o.combo) {
        f.net_price = o.combo->limit;
        f.effect = o.combo->effect;
        for (const auto& leg : o.combo->legs) f.legs.push_back({leg.instrument, leg.side, leg.ratio * o.combo->quantity, 0});
      } else {
        f.net_price = o.single->limit;
        f.legs.push_back({o.single->instrument, o.single->side, o.single->quantity, o.single->limit});
      }
      for (const auto& leg : f.legs) apply_position(leg, o.combo ? o.combo->tag : o.single->tag);
      s.on_fill(f);
    }
  }
  // Fires every timer due at or before `until` in time order, moving the clock to each.
  void advance_to(ExchangeTime until, Strategy& s) {
    deliver(s);
    for (;;) {
      auto due = std::min_element(timers.begin(), timers.end(), [](const Timer& a, const Timer& b) { return a.when < b.when; });
      if (due == timers.end() || until < due->when) break;
      const Timer t = *due;
      timers.erase(due);
      clock_.local = t.when;
      s.on_timer({t.id, t.name, t.when});
      deliver(s);
    }
    clock_.local = until;
  }
  std::vector<std::string> decisions(std::string_view containing = "") const {
    std::vector<std::string> out;
    for (const auto& l : logs)
      if (l.level == LogLevel::Decision && l.message.find(containing) != std::string::npos) out.push_back(l.message);
    return out;
  }

 private:
  void apply_position(const LegFill& leg, const std::string& tag) {
    const int signed_qty = leg.side == Side::Buy ? leg.quantity : -leg.quantity;
    auto it = std::find_if(positions_.begin(), positions_.end(), [&](const Position& p) { return p.instrument == leg.instrument; });
    if (it == positions_.end()) {
      positions_.push_back({leg.instrument, signed_qty, leg.price, tag});
      return;
    }
    it->quantity += signed_qty;
    if (it->quantity == 0) positions_.erase(it);
  }
  std::vector<ClientOrderId> queue_;
  std::vector<ChainRequest> pending_chains_;
  std::map<std::string, std::string> store_;
  int next_id_ = 0;
  TimerId next_timer_ = 0;
};

}  // namespace alvh::test
