#include "alvh/strategies/risk_gate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>

namespace alvh::strategies {
namespace {

constexpr std::string_view kSource = "risk_gate";

int rank(TradingState s) { return static_cast<int>(s); }  // Active < Reducing < Halted

GateVerdict reject(std::string reason) { return {false, std::move(reason)}; }

// True when every leg closes (part of) an existing position of at least that size.
bool reduces_only(const std::vector<ComboLeg>& legs, int quantity, const std::vector<Position>& positions) {
  for (const auto& leg : legs) {
    const int signed_qty = (leg.side == Side::Buy ? 1 : -1) * leg.ratio * quantity;
    auto it = std::find_if(positions.begin(), positions.end(),
                           [&](const Position& p) { return p.instrument == leg.instrument; });
    if (it == positions.end()) return false;
    if (it->quantity * signed_qty >= 0 || std::abs(signed_qty) > std::abs(it->quantity)) return false;
  }
  return true;
}

// An opening iron condor: 4 SPXW legs sold for a credit.
bool is_condor(const ComboOrder& o) {
  return o.legs.size() == 4 && o.effect == PriceEffect::Credit &&
         std::all_of(o.legs.begin(), o.legs.end(), [](const ComboLeg& l) { return l.instrument.root == "SPXW"; });
}

double condor_width(const ComboOrder& o) {
  double put_short = 0, put_long = 0, call_short = 0, call_long = 0;
  for (const auto& l : o.legs) {
    const bool put = l.instrument.right == OptionType::Put;
    const bool sell = l.side == Side::Sell;
    (put ? (sell ? put_short : put_long) : (sell ? call_short : call_long)) = l.instrument.strike;
  }
  return std::max(put_short - put_long, call_long - call_short);
}

}  // namespace

std::string_view trading_state_name(TradingState s) { return to_string(s); }

void RiskGate::observe(const OptionChainSnapshot& chain) {
  quotes_.drop_expired_before(chain.time.date);
  quotes_.update(chain.quotes);
}
void RiskGate::observe(const QuoteSnapshot& snapshot) { quotes_.update(snapshot.quotes); }

void RiskGate::on_fill(const Fill& fill, Timestamp now) {
  (void)now;
  for (const auto& leg : fill.legs)
    if (leg.instrument.root == "VIX" && leg.side == Side::Buy)
      hedge_spend_.emplace_back(fill.time, leg.price * leg.quantity * leg.instrument.multiplier);
}

double RiskGate::hedge_spend_last_12m(Timestamp now) const {
  double sum = 0;
  for (const auto& [t, usd] : hedge_spend_)
    if (now - t < std::chrono::days{365}) sum += usd;
  return sum;
}

bool RiskGate::check_daily_loss(const AccountSummary& account) {
  if (-account.day_pnl() <= config_.daily_loss_limit || state_ != TradingState::Active) return false;
  char buf[128];
  std::snprintf(buf, sizeof buf, "daily loss %.0f $ exceeds limit %.0f $", -account.day_pnl(), config_.daily_loss_limit);
  restrict_to(TradingState::Reducing, buf);
  daily_loss_state_ = true;
  return true;
}

bool RiskGate::begin_session(Date today) {
  if (!(session_ < today)) return false;
  session_ = today;
  if (!daily_loss_state_) return false;
  daily_loss_state_ = false;
  if (state_ != TradingState::Reducing) return false;
  state_ = TradingState::Active;
  state_reason_ = "new session " + to_iso(today) + ", daily loss limit reset";
  return true;
}

void RiskGate::restrict_to(TradingState s, std::string reason) {
  if (rank(s) < rank(state_) || (rank(s) == rank(state_) && !daily_loss_state_)) return;
  state_ = s;
  state_reason_ = std::move(reason);
  daily_loss_state_ = false;  // a rule or the kill switch now holds the state: it lasts until reset()
}

void RiskGate::reset(std::string reason) {
  daily_loss_state_ = false;
  state_ = TradingState::Active;
  state_reason_ = std::move(reason);
}

std::optional<std::string> RiskGate::quote_problem_for(const Instrument& i, Timestamp now) const {
  const auto q = quotes_.find(i);
  if (!q) return symbol(i) + ": no quote";
  return quote_problem(*q, now, {config_.max_quote_age_seconds, config_.max_relative_spread});
}

int RiskGate::open_condors(const StrategyContext& ctx) const {
  std::set<std::string> tags;
  for (const auto& p : ctx.positions())
    if (p.instrument.root == "SPXW" && p.quantity != 0) tags.insert(p.tag);
  int working = 0;
  for (const auto& o : ctx.open_orders())
    if (o.combo && is_condor(*o.combo) && !tags.count(o.combo->tag)) ++working;
  return static_cast<int>(tags.size()) + working;
}

GateVerdict RiskGate::check_common(const std::vector<ComboLeg>& legs, int quantity, const StrategyContext& ctx) {
  if (state_ == TradingState::Halted) return reject(std::string("trading HALTED: ") + state_reason_);
  if (state_ == TradingState::Reducing && !reduces_only(legs, quantity, ctx.positions()))
    return reject(std::string("trading REDUCING, order adds risk: ") + state_reason_);
  if (quantity <= 0) return reject("quantity must be positive");
  for (const auto& l : legs) {
    // Fractional study orders trade 1/100 contracts (multiplier 1): count whole-contract equivalents.
    const double per_unit = l.instrument.kind == InstrumentKind::Option ? l.instrument.multiplier / 100.0 : 1.0;
    const double contracts = l.ratio * quantity * per_unit;
    if (contracts > config_.max_contracts_per_order + 1e-9) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%g contracts in one leg exceed max_contracts_per_order %d", contracts,
                    config_.max_contracts_per_order);
      return reject(buf);
    }
  }
  const Timestamp now = ctx.clock().now_utc();
  for (const auto& l : legs)
    if (auto problem = quote_problem_for(l.instrument, now)) return reject("bad quote, " + *problem);
  while (!submissions_.empty() && now - submissions_.front() >= std::chrono::seconds{60}) submissions_.pop_front();
  if (static_cast<int>(submissions_.size()) >= config_.max_orders_per_minute)
    return reject("order rate limit: " + std::to_string(config_.max_orders_per_minute) + " orders per minute");
  return {};
}

GateVerdict RiskGate::check_combo(const ComboOrder& order, const StrategyContext& ctx) {
  if (!std::isfinite(order.limit) || order.limit <= 0) return reject("combo limit must be a positive finite net price");
  if (auto v = check_common(order.legs, order.quantity, ctx); !v.accepted) return v;
  if (is_condor(order)) {
    const double max_loss = (condor_width(order) - order.limit) * 100.0 * order.quantity;
    char buf[128];
    if (max_loss > config_.max_loss_per_condor) {
      std::snprintf(buf, sizeof buf, "condor max loss %.0f $ exceeds max_loss_per_condor %.0f $", max_loss,
                    config_.max_loss_per_condor);
      return reject(buf);
    }
    if (open_condors(ctx) >= config_.max_open_condors)
      return reject("max_open_condors " + std::to_string(config_.max_open_condors) + " reached");
  }
  double hedge_cost = 0;
  for (const auto& l : order.legs)
    if (l.instrument.root == "VIX" && l.side == Side::Buy && order.effect == PriceEffect::Debit)
      hedge_cost = order.limit * order.quantity * 100.0;
  const Timestamp now = ctx.clock().now_utc();
  if (hedge_cost > 0 && hedge_spend_last_12m(now) + hedge_cost > config_.hedge_spend_limit_12m) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "hedge spend %.0f $ + %.0f $ exceeds 12-month limit %.0f $", hedge_spend_last_12m(now),
                  hedge_cost, config_.hedge_spend_limit_12m);
    return reject(buf);
  }
  submissions_.push_back(now);
  return {};
}

GateVerdict RiskGate::check_single(const SingleOrder& order, const StrategyContext& ctx) {
  if (!std::isfinite(order.limit) || order.limit <= 0) return reject("limit must be a positive finite price");
  if (auto v = check_common({{order.instrument, order.side, 1}}, order.quantity, ctx); !v.accepted) return v;
  const Timestamp now = ctx.clock().now_utc();
  if (order.instrument.root == "VIX" && order.side == Side::Buy) {
    const double cost = order.limit * order.quantity * order.instrument.multiplier;
    if (hedge_spend_last_12m(now) + cost > config_.hedge_spend_limit_12m) {
      char buf[128];
      std::snprintf(buf, sizeof buf, "hedge spend %.0f $ + %.0f $ exceeds 12-month limit %.0f $",
                    hedge_spend_last_12m(now), cost, config_.hedge_spend_limit_12m);
      return reject(buf);
    }
  }
  submissions_.push_back(now);
  return {};
}

void RiskGate::kill(StrategyContext& ctx, bool flatten, std::string reason) {
  daily_loss_state_ = false;
  state_ = TradingState::Halted;
  state_reason_ = "kill switch: " + reason;
  ctx.log(LogLevel::Decision, kSource, state_reason_);
  for (const auto& o : ctx.open_orders()) {
    ctx.cancel(o.id);
    ctx.log(LogLevel::Decision, kSource, "kill switch cancels " + o.id);
  }
  if (!flatten) return;
  // Closing orders bypass the state check on purpose: the gate itself is flattening.
  for (const auto& p : ctx.positions()) {
    if (p.quantity == 0) continue;
    const auto q = quotes_.find(p.instrument);
    const bool sell = p.quantity > 0;
    double price = !q ? 0 : (sell ? q->bid : q->ask);
    if (!(price > 0)) price = sell ? 0.05 : std::max(p.average_price, 0.05);
    SingleOrder close{p.instrument, sell ? Side::Sell : Side::Buy, std::abs(p.quantity), price, "kill:" + p.tag};
    const auto id = ctx.submit_order(close);
    ctx.log(LogLevel::Decision, kSource, "kill switch flattens " + symbol(p.instrument) + " via " + id);
  }
}

}  // namespace alvh::strategies
