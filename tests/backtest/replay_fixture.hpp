#pragma once
// Shared fixtures for replay tests: a weekday calendar, a synthetic two-week panel with a crash,
// and a scripted strategy that sells one condor a day and optionally holds VIX calls.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/core/strategy.hpp"

namespace alvh::test {

class WeekdayCalendar final : public ExchangeCalendar {
 public:
  bool is_trading_day(Date d) const override {
    const auto w = weekday_of(d);
    return w != std::chrono::Saturday && w != std::chrono::Sunday;
  }
  bool is_early_close(Date) const override { return false; }
};

// 2024-03-04 .. 2024-03-15: SPX 5000 flat, then a -6% close on 2024-03-13 with VIX 15 -> 30.
inline DailyPanel crash_panel() {
  DailyPanel panel;
  const Date vx1 = make_date(2024, 3, 20), vx2 = make_date(2024, 4, 17), vx3 = make_date(2024, 5, 22);
  double spx = 5000, vix = 15, f1 = 15.5, f2 = 16.5, f3 = 17.0;
  for (Date d = make_date(2024, 3, 4); d <= make_date(2024, 3, 15); d = add_days(d, 1)) {
    if (!WeekdayCalendar{}.is_trading_day(d)) continue;
    if (d == make_date(2024, 3, 13)) {
      spx *= 0.94;
      vix = 30;
      f1 = 27, f2 = 24, f3 = 22;
    }
    PanelRow row;
    row.date = d;
    row.spx = {d, spx, spx, spx, spx};
    row.vix = {d, vix, vix, vix, vix};
    row.vol.date = d;
    row.vol.close[static_cast<std::size_t>(VolIndex::VIX)] = vix;
    row.vol.close[static_cast<std::size_t>(VolIndex::VIX9D)] = vix;
    row.vol.close[static_cast<std::size_t>(VolIndex::VVIX)] = 90;
    VxCurveRow c;
    c.date = d;
    const Date ex[3] = {vx1, vx2, vx3};
    const double st[3] = {f1, f2, f3};
    for (std::size_t i = 0; i < 3; ++i) {
      c.expiry[i] = ex[i];
      c.settle[i] = st[i];
      c.days_to_expiry[i] = days_between(d, ex[i]);
    }
    row.vx = c;
    panel.rows.push_back(row);
  }
  return panel;
}

// One "day" column holding the row index, to check which close the strategy sees.
inline SignalTable day_index_signals(const DailyPanel& panel) {
  SignalTable t;
  t.columns = {"day"};
  t.values.resize(1);
  for (std::size_t i = 0; i < panel.rows.size(); ++i) {
    t.dates.push_back(panel.rows[i].date);
    t.values[0].push_back(static_cast<double>(i));
  }
  return t;
}

// The fixture's iron condor from a chain: short 75, long 100 points either side of the money,
// credit limit 0.05, tagged with its expiry.
inline ComboOrder condor_from(const OptionChainSnapshot& chain, int quantity) {
  auto pick = [&](double k, OptionType right) {
    for (const Quote& q : chain.quotes)
      if (q.instrument.right == right && std::fabs(q.instrument.strike - k) < 1e-9) return q.instrument;
    throw std::runtime_error("strike missing from chain");
  };
  const double atm = std::round(chain.underlying / 5) * 5;
  ComboOrder o;
  o.legs = {{pick(atm - 100, OptionType::Put), Side::Buy, 1}, {pick(atm - 75, OptionType::Put), Side::Sell, 1},
            {pick(atm + 75, OptionType::Call), Side::Sell, 1}, {pick(atm + 100, OptionType::Call), Side::Buy, 1}};
  o.quantity = quantity;
  o.limit = 0.05;
  o.effect = PriceEffect::Credit;
  o.tag = "ic:" + to_iso(o.legs[0].instrument.expiry);
  return o;
}

// What a scripted strategy saw; shared so it outlives the session that owns the strategy.
struct Observed {
  std::vector<double> seen_days;
  std::vector<Fill> fills;
  std::vector<Settlement> settlements;
  std::vector<OrderEvent> events;
};

class ScriptedStrategy final : public Strategy {
 public:
  ScriptedStrategy(bool hedge, std::shared_ptr<Observed> seen) : seen_(std::move(seen)), hedge_(hedge) {}
  std::string_view name() const override { return "scripted"; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_start() override { schedule(ctx_->clock().now_local().date, true); }
  void on_signals(const SignalSnapshot& s) override {
    if (auto it = s.values.find("day"); it != s.values.end() && it->second) seen_->seen_days.push_back(*it->second);
  }
  void on_timer(const TimerEvent& t) override {
    schedule(t.scheduled.date, false);
    const Date expiry = ctx_->calendar().next_trading_day(t.scheduled.date);
    ctx_->request_chain({"SPXW", {expiry}});
    if (hedge_ && !hedged_) {
      hedged_ = true;
      ctx_->submit_order({vix_option(make_date(2024, 4, 17), 18, OptionType::Call), Side::Buy, 10, 5.0, "ladder:front"});
    }
  }
  void on_option_chain(const OptionChainSnapshot& chain) override { ctx_->submit_combo(condor_from(chain, 1)); }
  void on_fill(const Fill& f) override { seen_->fills.push_back(f); }
  void on_settlement(const Settlement& s) override { seen_->settlements.push_back(s); }
  void on_order_event(const OrderEvent& e) override { seen_->events.push_back(e); }

 private:
  void schedule(Date d, bool include) {
    const Date day = include && ctx_->calendar().is_trading_day(d) ? d : ctx_->calendar().next_trading_day(d);
    ctx_->schedule({day, hhmm(15, 45)}, "entry");
  }
  std::shared_ptr<Observed> seen_;
  StrategyContext* ctx_ = nullptr;
  bool hedge_ = false;
  bool hedged_ = false;
};

}  // namespace alvh::test
