#include "alvh/strategies/vix_ladder_strategy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "alvh/core/vix_expirations.hpp"
#include "alvh/strategies/option_math.hpp"
#include "alvh/strategies/quote_check.hpp"
#include "printf_text.hpp"

namespace alvh::strategies {

using detail::fmt;

namespace {

// VIX option strike grid: 0.50 below the switch level, 1.00 at and above.
bool on_vix_grid(double k, double switch_level) {
  const double step = k < switch_level ? 0.5 : 1.0;
  return std::fabs(k / step - std::round(k / step)) < 1e-6;
}

}  // namespace

int VixLadderStrategy::Layer::quantity() const {
  int n = 0;
  for (const auto& l : lots) n += l.quantity;
  return n;
}

VixLadderStrategy::VixLadderStrategy(VixLadderConfig config) : config_(std::move(config)) {
  for (std::size_t i = 0; i < 3; ++i) multipliers_[i] = config_.layers[i].contracts_per_unit;
}

void VixLadderStrategy::decide(std::string_view message) { log_decision(*ctx_, config_.name, message); }

void VixLadderStrategy::schedule_review(Date from, bool include_from) {
  const auto& cal = ctx_->calendar();
  const Date d = include_from && cal.is_trading_day(from) ? from : cal.next_trading_day(from);
  ctx_->schedule({d, std::min(config_.review_minutes, cal.close_minutes(d) - 5)}, config_.name + ".review");
}

void VixLadderStrategy::on_start() {
  const auto now = ctx_->clock().now_local();
  schedule_review(now.date, now.minutes < std::min(config_.review_minutes, ctx_->calendar().close_minutes(now.date) - 5));
}

void VixLadderStrategy::on_index_values(const IndexValues& v) { index_ = v; }
void VixLadderStrategy::on_signals(const SignalSnapshot& s) { signals_ = s; }

void VixLadderStrategy::on_timer(const TimerEvent& t) {
  if (t.name != config_.name + ".review") return;
  schedule_review(t.scheduled.date, false);
  ChainRequest req{config_.root, {}};
  for (std::size_t i = 0; i < 3; ++i) req.expiries.push_back(target_expiry_for(i, t.scheduled.date));
  for (const auto& layer : layers_)
    for (const auto& lot : layer.lots) req.expiries.push_back(lot.contract.expiry);
  std::sort(req.expiries.begin(), req.expiries.end());
  req.expiries.erase(std::unique(req.expiries.begin(), req.expiries.end()), req.expiries.end());
  review_pending_ = true;
  ctx_->request_chain(req);
}

void VixLadderStrategy::on_option_chain(const OptionChainSnapshot& chain) {
  if (chain.root != config_.root || !review_pending_) return;
  review_pending_ = false;
  review(chain);
}

// The listed monthly expiry nearest the layer's target DTE (ties -> later) among those beyond the
// roll floor, so a roll never lands in a contract that would roll again at once.
Date VixLadderStrategy::target_expiry_for(std::size_t i, Date today) const {
  // Asked several times a day per layer; the expiry calendar walk is worth doing once.
  auto& memo = target_expiry_memo_[i];
  if (memo.first == today) return memo.second;
  memo = {today, find_target_expiry(i, today)};
  return memo.second;
}

Date VixLadderStrategy::find_target_expiry(std::size_t i, Date today) const {
  const auto& layer = config_.layers[i];
  const Date nearest = vix_expiry_nearest_dte(today, layer.target_dte, ctx_->calendar());
  if (days_between(today, nearest) > layer.roll_floor_dte) return nearest;
  const auto later = vix_expiries(add_days(today, layer.roll_floor_dte + 1), add_days(today, layer.target_dte * 2 + 62),
                                  ctx_->calendar());
  return later.empty() ? nearest : later.front();
}

const Quote* VixLadderStrategy::quote_of(const OptionChainSnapshot& chain, const Instrument& i) const {
  for (const auto& q : chain.quotes)
    if (q.instrument == i) return &q;
  return nullptr;
}

std::optional<LayerQuote> VixLadderStrategy::price_layer(const OptionChainSnapshot& chain, std::size_t i, Date expiry,
                                                         std::string& why) const {
  const auto forward = chain.forward_for(expiry);
  if (!forward || !(*forward > 0)) {
    why = "no VX future for " + to_iso(expiry);
    return std::nullopt;
  }
  const auto now = ctx_->clock().now_local();
  // VIX options settle on the morning SOQ: count time to 09:30 New York on expiry day.
  const double years = years_to(now, expiry, 9 * 60 + 30);
  const int dte = std::max(days_between(now.date, expiry), 1);
  const double vvix = index_ && index_->vvix ? *index_->vvix : config_.default_vvix;
  const double model_vol =
      std::clamp(vvix / 100.0 * std::pow(30.0 / dte, config_.vol_term_exponent), config_.vol_floor, config_.vol_cap);
  const double rate = ctx_->risk_free_rate();
  const auto vol_of = [&](const Quote& q) {
    return quote_vol_black76(q, *forward, years, rate, ctx_->pricer()).value_or(model_vol);
  };
  std::optional<LayerQuote> best;
  const Quote* best_quote = nullptr;
  double best_err = std::numeric_limits<double>::infinity();
  for (const auto& q : chain.quotes) {
    const auto& k = q.instrument;
    if (k.expiry != expiry || k.right != OptionType::Call || !on_vix_grid(k.strike, config_.strike_grid_switch)) continue;
    // A quote that carries its Greeks (every venue chain does) needs no pricing: the implied vol is
    // worked out for the chosen strike only. Pricing every listed call was a third of the replay.
    double delta = 0, vega = 0;
    if (q.delta && q.vega) {
      delta = *q.delta;
      vega = *q.vega;
    } else {
      const auto greeks = ctx_->pricer().black76({OptionType::Call, *forward, k.strike, years, rate, vol_of(q)});
      delta = q.delta ? *q.delta : greeks.delta;
      vega = q.vega ? *q.vega : greeks.vega;
    }
    const double err = std::fabs(delta - config_.layers[i].target_delta);
    // Ties go to the higher (cheaper) strike.
    if (err < best_err - 1e-12 || (std::fabs(err - best_err) <= 1e-12 && best && k.strike > best->strike)) {
      best = LayerQuote{*forward, k.strike, years, 0.0, delta, vega, q.ask};
      best_quote = &q;
      best_err = err;
    }
  }
  if (!best) {
    why = "no listed calls for " + to_iso(expiry);
    return best;
  }
  best->vol = vol_of(*best_quote);
  return best;
}

Instrument VixLadderStrategy::contract_of(Date expiry, double strike) const {
  Instrument c = vix_option(expiry, strike, OptionType::Call);
  c.multiplier /= units_per_contract();  // fractional: one order unit is 1/100 contract
  return c;
}

ClientOrderId VixLadderStrategy::buy(std::size_t i, const Instrument& contract, int quantity, double ask,
                                     const std::string& why) {
  SingleOrder o{contract, Side::Buy, quantity, round_up_to(ask, config_.price_tick), config_.name + ":" + config_.layers[i].name};
  const auto id = ctx_->submit_order(o);
  working_[id] = {i, contract, Side::Buy, quantity, 0, why, std::nullopt, 0};
  decide_lazily([&] {
    return "buy " + std::to_string(quantity) + " " + symbol(contract) + " (" + config_.layers[i].name +
           fmt(" layer) at %.2f", o.limit) + ": " + why + " id " + id;
  });
  return id;
}

void VixLadderStrategy::sell(std::size_t i, const Lot& lot, int quantity, double bid, const std::string& why) {
  SingleOrder o{lot.contract, Side::Sell, quantity, std::max(round_down_to(bid, config_.price_tick), config_.price_tick),
                config_.name + ":" + config_.layers[i].name};
  const auto id = ctx_->submit_order(o);
  working_[id] = {i, lot.contract, Side::Sell, quantity, 0, why, std::nullopt, 0};
  decide_lazily([&] {
    return "sell " + std::to_string(quantity) + " " + symbol(lot.contract) + " (" + config_.layers[i].name +
           fmt(" layer) at %.2f", o.limit) + ": " + why + " id " + id;
  });
}

void VixLadderStrategy::review(const OptionChainSnapshot& chain) {
  const auto now = ctx_->clock().now_local();
  const Date today = now.date;
  const QuoteLimits limits{config_.max_quote_age_seconds, config_.max_relative_spread};
  const Timestamp now_utc = ctx_->clock().now_utc();
  const bool hold = config_.exit_policy == LadderExitPolicy::Hold;
  const int scale = units_per_contract();

  // Rule effects for today. Without a SetLayerMultipliers rule the base 4/4/2 applies again.
  std::array<double, 3> mult{};
  std::array<std::string, 3> mult_reason;
  for (std::size_t i = 0; i < 3; ++i) mult[i] = config_.layers[i].contracts_per_unit;
  std::array<std::string, 3> monetize_rule;
  std::string block_reason;
  const SignalValues* values = nullptr;
  if (signals_ && signals_->time.date == today) {
    values = &signals_->values;
    for (const auto& rule : signals_->fired) {
      const std::string who = "rule '" + rule.name + "' (" + rule.reason + ")";
      for (const auto& action : rule.actions) {
        if (const auto* m = std::get_if<SetLayerMultipliers>(&action)) {
          for (std::size_t i = 0; i < 3; ++i)
            if (m->contracts[i]) {
              mult[i] = *m->contracts[i];
              mult_reason[i] = who;
            }
        } else if (const auto* mon = std::get_if<MonetizeLayer>(&action)) {
          monetize_rule[static_cast<std::size_t>(mon->layer)] = who;
        } else if (std::holds_alternative<BlockHedgePurchases>(action)) {
          block_reason = "purchases blocked by " + who;
        }
      }
    }
  }
  for (std::size_t i = 0; i < 3; ++i)
    if (mult[i] != multipliers_[i])
      decide(config_.layers[i].name + fmt(" multiplier %.1f -> %.1f: ", multipliers_[i], mult[i]) +
             (mult_reason[i].empty() ? "no rule fired, base ratio" : mult_reason[i]));
  multipliers_ = mult;

  // NaN when unknown: every comparison below is then false (no monetize, no establish).
  const double spot = index_ && index_->vix ? *index_->vix : std::numeric_limits<double>::quiet_NaN();
  const bool have_spot = std::isfinite(spot);
  std::optional<double> term_ratio;
  if (values)
    if (auto it = values->find(config_.term_ratio_signal); it != values->end()) term_ratio = it->second;

  std::array<Date, 3> target_expiry{};
  for (std::size_t i = 0; i < 3; ++i) target_expiry[i] = target_expiry_for(i, today);
  std::optional<double> front_future = index_ ? index_->vx_front : std::nullopt;
  if (!front_future) front_future = chain.forward_for(target_expiry[0]);
  if (block_reason.empty() && front_future && *front_future > config_.max_front_future_for_buys)
    block_reason = fmt("no purchases: front VX %.2f above %.2f", *front_future, config_.max_front_future_for_buys);

  // Size the ladder first: exits under Hold and rolls need today's targets.
  std::array<std::optional<LayerQuote>, 3> lq;
  std::array<std::string, 3> price_why;
  for (std::size_t i = 0; i < 3; ++i) lq[i] = price_layer(chain, i, target_expiry[i], price_why[i]);
  const auto units = hedge_units(config_, lq, exposure_, ctx_->account().equity, ctx_->pricer(), ctx_->risk_free_rate(),
                                 ctx_->log_enabled(LogLevel::Decision));
  // Order units for `contracts` contracts: exact hundredths when fractional, else whole contracts
  // with at least min_contracts_per_layer in an active layer.
  auto order_units = [&](double contracts) {
    if (!(contracts > 0)) return 0;
    if (config_.fractional) return static_cast<int>(std::lround(contracts * scale));
    return std::max(config_.min_contracts_per_layer, static_cast<int>(std::lround(contracts)));
  };
  std::array<int, 3> base_qty{}, target_qty{};
  const bool calm_enough_to_add = !(hold && spot >= config_.monetize_vix);
  for (std::size_t i = 0; i < 3; ++i) {
    base_qty[i] = order_units(units.units * config_.layers[i].contracts_per_unit);
    target_qty[i] = order_units(units.units * multipliers_[i]);
    // Hold: no top-up above the base while the spike that takes profits is on.
    if (!calm_enough_to_add) target_qty[i] = std::min(target_qty[i], base_qty[i]);
  }
  if (std::fabs(units.units - last_units_) > 1e-9) {
    decide_lazily([&] {
      std::string realized;
      if (!config_.fractional && exposure_ && exposure_->vega_per_iv_point > 0) {
        double vega = 0;
        for (std::size_t i = 0; i < 3; ++i)
          if (lq[i]) vega += target_qty[i] * 100.0 * lq[i]->vega;
        if (vega > 0) realized = fmt("; whole contracts give hedge:condor vega 1:%.2f", exposure_->vega_per_iv_point / vega);
      }
      return fmt("hedge units %.3f -> %.3f: ", last_units_, units.units) + units.reason + realized;
    });
  }
  last_units_ = units.units;

  std::array<bool, 3> busy{}, sold_for_profit{}, rolling{};
  for (const auto& [id, w] : working_) busy[w.layer] = true;

  // The quote of a held lot, or why it cannot be traded.
  auto held_quote = [&](const Lot& lot, std::optional<std::string>& problem) -> const Quote* {
    const Quote* q = quote_of(chain, lot.contract);
    problem = q ? quote_problem(*q, now_utc, limits) : std::optional<std::string>("no quote");
    return q;
  };

  // 1. Exits. Monetize: whole layers on a trigger. Hold: only what is above the base target.
  for (std::size_t i = 0; i < 3; ++i) {
    if (busy[i]) continue;
    Layer& layer = layers_[i];
    std::string trigger;
    for (const auto& lot : layer.lots) {
      std::optional<std::string> problem;
      const Quote* q = held_quote(lot, problem);
      std::string why;
      if (!monetize_rule[i].empty())
        why = "monetize: " + monetize_rule[i];
      else if (!problem && q->bid >= config_.monetize_multiple * lot.cost)
        why = fmt("monetize: bid %.2f >= %.1f x cost", q->bid, config_.monetize_multiple) + fmt(" %.2f", lot.cost);
      else if (spot >= config_.monetize_vix)
        why = fmt("monetize: spot VIX %.2f >= %.2f", spot, config_.monetize_vix);
      if (why.empty()) continue;
      if (!hold) {
        if (problem) {
          decide("cannot monetize " + symbol(lot.contract) + ": bad quote, " + *problem);
          continue;
        }
        sell(i, lot, lot.quantity, q->bid, why);
        sold_for_profit[i] = true;
        continue;
      }
      if (trigger.empty()) trigger = why;
    }
    if (!hold) {
      if (sold_for_profit[i]) layer.monetized = true;
      continue;
    }
    if (trigger.empty()) continue;
    // Hold: take the profit on the contracts above the base, newest expiry last (kept). A sizing of
    // zero units today (no condor yet, a zero premium tier) is no base: nothing is sold.
    int excess = base_qty[i] > 0 ? layer.quantity() - base_qty[i] : 0;
    if (excess <= 0) {
      if (layer.quantity() > 0)
        decide(config_.layers[i].name + " layer held at base (exit policy hold): " + trigger);
      continue;
    }
    for (const auto& lot : layer.lots) {
      if (excess <= 0) break;
      std::optional<std::string> problem;
      const Quote* q = held_quote(lot, problem);
      if (problem) {
        decide("cannot take profit on " + symbol(lot.contract) + ": bad quote, " + *problem);
        continue;
      }
      const int n = std::min(excess, lot.quantity);
      sell(i, lot, n, q->bid, "take profit above base " + std::to_string(base_qty[i]) + " (exit policy hold): " + trigger);
      excess -= n;
      sold_for_profit[i] = true;
    }
  }

  // 2. Rolls: buy the new contracts, sell the old once that buy has filled.
  for (std::size_t i = 0; i < 3; ++i) {
    if (busy[i] || sold_for_profit[i]) continue;
    Layer& layer = layers_[i];
    const int floor = config_.layers[i].roll_floor_dte;
    for (const auto& lot : layer.lots) {
      const int dte = days_between(today, lot.contract.expiry);
      if (dte > floor) continue;
      rolling[i] = true;
      const std::string why = "roll: " + std::to_string(dte) + " DTE <= floor " + std::to_string(floor);
      std::optional<std::string> problem;
      const Quote* old_q = held_quote(lot, problem);
      // A later lot already held (an earlier roll whose sale did not go through): just sell.
      const bool replaced = std::any_of(layer.lots.begin(), layer.lots.end(), [&](const Lot& l) {
        return days_between(today, l.contract.expiry) > floor;
      });
      if (replaced) {
        if (problem)
          decide("cannot finish roll of " + symbol(lot.contract) + ": bad quote, " + *problem);
        else
          sell(i, lot, lot.quantity, old_q->bid, why + "; new expiry already held");
        continue;
      }
      auto keep = [&](const std::string& reason) {
        decide("cannot roll " + symbol(lot.contract) + " (" + config_.layers[i].name + " layer kept as it was): " + reason);
      };
      if (problem) { keep("bad quote, " + *problem); continue; }
      if (!block_reason.empty()) { keep(block_reason); continue; }
      if (!lq[i]) { keep(price_why[i]); continue; }
      const Instrument next = contract_of(target_expiry[i], lq[i]->strike);
      const Quote* q = quote_of(chain, next);
      const auto new_problem = q ? quote_problem(*q, now_utc, limits) : std::optional<std::string>("no quote");
      if (new_problem) { keep("new contract " + symbol(next) + ": bad quote, " + *new_problem); continue; }
      const int qty = std::max(target_qty[i], layer.quantity());
      const auto id = buy(i, next, qty, q->ask,
                          "roll into new expiry, first leg (" + why + ", then sell " + symbol(lot.contract) + ")" +
                              fmt("; delta %.2f vs VX %.2f", lq[i]->delta, lq[i]->forward));
      if (auto it = working_.find(id); it != working_.end()) {
        it->second.roll_from = lot;
        it->second.roll_from_bid = old_q->bid;
      }
      break;  // one lot at a roll floor per layer per day
    }
  }

  // 3. Top layers up to target.
  for (std::size_t i = 0; i < 3; ++i) {
    if (busy[i] || sold_for_profit[i] || rolling[i]) continue;
    Layer& layer = layers_[i];
    int contracts = target_qty[i];
    std::string why = fmt("target %.3f units x %.1f", units.units, multipliers_[i]) +
                      fmt(" = %.2f contracts", contracts / double(scale));
    if (layer.monetized) {
      const bool calm = spot < config_.reestablish_vix_below;
      const bool contango = term_ratio && *term_ratio < 1.0;
      if (!calm || !contango) {
        std::string wait;
        if (!calm)
          wait = have_spot ? fmt("spot VIX %.2f >= %.2f", spot, config_.reestablish_vix_below) : "no spot VIX";
        else
          wait = term_ratio ? fmt("term ratio %.3f >= 1", term_ratio.value_or(0)) : "term ratio unknown";
        decide(config_.layers[i].name + " layer monetized, not re-established: " + wait);
        continue;
      }
      contracts = order_units(units.units * multipliers_[i] * config_.reestablish_scale);
      why = fmt("re-establish at %.0f%% of target (VIX %.2f, term ratio %.3f)", config_.reestablish_scale * 100,
                spot, term_ratio.value_or(0));
    } else if (!layer.established) {
      if (!(spot < config_.establish_vix_below)) {
        if (contracts > 0)
          decide(config_.layers[i].name + " layer not established yet: " +
                 (have_spot ? fmt("spot VIX %.2f >= %.2f", spot, config_.establish_vix_below) : std::string("no spot VIX")));
        continue;
      }
    }
    const int held = layer.quantity();
    const int need = contracts - held;
    if (need <= 0) continue;
    // Fractional lots follow the target within a 10% band, not by a few hundredths every day.
    if (config_.fractional && held > 0 && need < contracts / 10) continue;
    if (!block_reason.empty()) {
      decide(config_.layers[i].name + " layer short by " + std::to_string(need) + ": " + block_reason);
      continue;
    }
    if (!lq[i]) {
      decide(config_.layers[i].name + " layer cannot be priced: " + price_why[i]);
      continue;
    }
    // Add to the contract already held; otherwise buy the target-expiry strike chosen by delta.
    const Instrument contract = held > 0 ? layer.lots.front().contract : contract_of(target_expiry[i], lq[i]->strike);
    const Quote* q = quote_of(chain, contract);
    const auto problem = q ? quote_problem(*q, now_utc, limits) : std::optional<std::string>("no quote");
    if (problem) {
      decide(config_.layers[i].name + " layer: no purchase, bad quote, " + *problem);
      continue;
    }
    buy(i, contract, need, q->ask, why + fmt(", delta %.2f vs VX %.2f", lq[i]->delta, lq[i]->forward));
    if (layer.monetized) layer.monetized = false;
  }
}

void VixLadderStrategy::on_order_event(const OrderEvent& e) {
  auto it = working_.find(e.id);
  if (it == working_.end()) return;
  if (e.state == OrderState::Rejected || e.state == OrderState::Cancelled || e.state == OrderState::Expired) {
    decide_lazily([&] {
      return "ladder order " + e.id + " " + std::string(to_string(e.state)) + (e.reason.empty() ? "" : ": " + e.reason);
    });
    if (it->second.roll_from) {
      if (it->second.filled > 0)
        sell(it->second.layer, *it->second.roll_from, it->second.roll_from->quantity, it->second.roll_from_bid,
             "roll, second leg after a partial first leg");
      else
        decide("roll of " + symbol(it->second.roll_from->contract) + " not done, " + config_.layers[it->second.layer].name +
               " layer kept as it was");
    }
  }
  if (is_terminal(e.state) && e.state != OrderState::Filled) working_.erase(it);
}

void VixLadderStrategy::on_fill(const Fill& f) {
  auto it = working_.find(f.id);
  if (it == working_.end()) return;
  it->second.filled += f.quantity;
  const std::size_t i = it->second.layer;
  Layer& layer = layers_[i];
  auto lot = std::find_if(layer.lots.begin(), layer.lots.end(),
                          [&](const Lot& l) { return l.contract == it->second.instrument; });
  if (it->second.side == Side::Buy) {
    if (lot == layer.lots.end()) {
      layer.lots.push_back({it->second.instrument, 0, 0});
      lot = std::prev(layer.lots.end());
    }
    lot->cost = (lot->cost * lot->quantity + f.net_price * f.quantity) / (lot->quantity + f.quantity);
    lot->quantity += f.quantity;
    layer.established = true;
  } else if (lot != layer.lots.end()) {
    lot->quantity -= f.quantity;
    if (lot->quantity <= 0) layer.lots.erase(lot);
    if (layer.quantity() == 0) decide(config_.layers[i].name + " layer emptied: " + it->second.why);
  }
  if (it->second.filled >= it->second.quantity) {
    const WorkingOrder done = it->second;
    working_.erase(it);
    // The roll's first leg is in: now sell the old contracts.
    if (done.roll_from) sell(done.layer, *done.roll_from, done.roll_from->quantity, done.roll_from_bid, "roll, second leg");
  }
}

void VixLadderStrategy::on_settlement(const Settlement& s) {
  if (s.instrument.root != config_.root) return;
  for (auto& layer : layers_)
    std::erase_if(layer.lots, [&](const Lot& l) { return l.contract == s.instrument; });
  decide_lazily([&] { return symbol(s.instrument) + fmt(" settled at %.2f", s.settlement_price); });
}

std::string VixLadderStrategy::save_state() const {
  std::ostringstream out;
  out.precision(17);
  out << "units " << last_units_ << '\n';
  for (std::size_t i = 0; i < 3; ++i) {
    out << "layer " << i << ' ' << layers_[i].established << ' ' << layers_[i].monetized << '\n';
    for (const auto& l : layers_[i].lots)
      out << "lot " << i << ' ' << to_iso(l.contract.expiry) << ' ' << l.contract.strike << ' ' << l.quantity << ' ' << l.cost
          << '\n';
  }
  return out.str();
}

bool VixLadderStrategy::load_state(std::string_view blob) {
  std::istringstream in{std::string(blob)};
  std::array<Layer, 3> loaded{};
  double units = 0;
  std::string word;
  while (in >> word) {
    std::size_t i = 0;
    if (word == "units") {
      if (!(in >> units)) return false;
    } else if (word == "layer") {
      if (!(in >> i >> loaded.at(i).established >> loaded.at(i).monetized)) return false;
    } else if (word == "lot") {
      std::string expiry;
      Lot lot;
      double strike = 0;
      if (!(in >> i >> expiry >> strike >> lot.quantity >> lot.cost) || i > 2) return false;
      const auto d = parse_iso_date(expiry);
      if (!d) return false;
      lot.contract = contract_of(*d, strike);
      loaded[i].lots.push_back(lot);
    } else {
      return false;
    }
  }
  layers_ = loaded;
  last_units_ = units;
  return true;
}

}  // namespace alvh::strategies
