#include "alvh/strategies/iron_condor_strategy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "alvh/core/spxw_expirations.hpp"
#include "alvh/strategies/option_math.hpp"
#include "alvh/strategies/quote_check.hpp"
#include "printf_text.hpp"

namespace alvh::strategies {

using detail::fmt;

IronCondorStrategy::IronCondorStrategy(IronCondorConfig config) : config_(std::move(config)) {}

void IronCondorStrategy::decide(std::string_view message) { log_decision(*ctx_, config_.name, message); }

int IronCondorStrategy::entry_minutes(Date d) const {
  const auto& cal = ctx_->calendar();
  return std::min(config_.entry_minutes, cal.close_minutes(d) - config_.early_close_lead_minutes);
}

void IronCondorStrategy::schedule_entry(Date from, bool include_from) {
  const auto& cal = ctx_->calendar();
  const Date d = include_from && cal.is_trading_day(from) ? from : cal.next_trading_day(from);
  ctx_->schedule({d, entry_minutes(d)}, config_.name + ".entry");
}

void IronCondorStrategy::on_start() {
  const auto now = ctx_->clock().now_local();
  schedule_entry(now.date, ctx_->calendar().is_trading_day(now.date) && now.minutes < entry_minutes(now.date));
}

void IronCondorStrategy::on_index_values(const IndexValues& v) {
  if (v.vix) vix_ = v.vix;
}

void IronCondorStrategy::on_signals(const SignalSnapshot& s) { signals_ = s; }

void IronCondorStrategy::on_timer(const TimerEvent& t) {
  if (t.name != config_.name + ".entry") return;
  evaluate_entry(t);
  schedule_entry(t.scheduled.date, false);
}

void IronCondorStrategy::evaluate_entry(const TimerEvent& t) {
  const Date today = t.scheduled.date;
  const auto& cal = ctx_->calendar();
  std::erase_if(open_, [&](const OpenCondor& c) { return c.expiry < today; });
  pending_.reset();

  Date expiry;
  std::string expiry_note;
  const auto lookup = spxw_expiry_next_trading_day(today, cal);
  if (lookup.expiry) {
    expiry = *lookup.expiry;
    expiry_note = "1DTE expiry " + to_iso(expiry);
  } else if (config_.missing_expiry == MissingExpiryPolicy::Skip) {
    decide("skip condor: " + lookup.reason + " (policy: skip)");
    return;
  } else {
    const auto nearest = nearest_spxw_expiry_within(today, config_.nearest_within_trading_days, cal);
    if (!nearest) {
      decide("skip condor: " + lookup.reason + "; no expiry within " +
             std::to_string(config_.nearest_within_trading_days) + " trading days");
      return;
    }
    expiry = *nearest;
    expiry_note = "no 1DTE expiry (" + lookup.reason + "), using nearest expiry " + to_iso(expiry) + " within " +
                  std::to_string(config_.nearest_within_trading_days) + " trading days";
  }

  if (!vix_ || !std::isfinite(*vix_)) {
    decide("skip condor: no VIX value for the VIX gate");
    return;
  }
  const auto tier = std::find_if(config_.vix_tiers.begin(), config_.vix_tiers.end(),
                                 [&](const VixTier& vt) { return *vix_ < vt.vix_below; });
  if (tier == config_.vix_tiers.end() || tier->size_factor <= 0) {
    decide("skip condor: VIX gate" + fmt(" (VIX %.2f)", *vix_) +
           (tier == config_.vix_tiers.end() ? std::string(" above every tier") : ": " + tier->label));
    return;
  }
  double factor = tier->size_factor;
  std::string why = expiry_note + fmt("; VIX %.2f tier '", *vix_) + tier->label + "'";
  if (signals_ && signals_->time.date == today) {
    for (const auto& rule : signals_->fired) {
      for (const auto& action : rule.actions) {
        if (std::holds_alternative<SkipCondor>(action)) {
          decide("skip condor: rule '" + rule.name + "' fired (" + rule.reason + ")");
          return;
        }
        if (const auto* scale = std::get_if<ScaleCondor>(&action)) {
          factor *= scale->factor;
          why += "; rule '" + rule.name + "' scales size" + fmt(" x%.2f", scale->factor);
        }
      }
    }
  }
  if (factor <= 0) {
    decide("skip condor: size factor is zero (" + why + ")");
    return;
  }
  pending_ = PendingEntry{expiry, factor, tier->short_delta.value_or(config_.short_delta), why};
  ctx_->request_chain({config_.root, {expiry}});
}

double IronCondorStrategy::condor_vega(const CondorQuotes& q, const OptionChainSnapshot& chain, double years) const {
  const double spot = chain.forward_for(q.short_put.instrument.expiry).value_or(chain.underlying);
  auto vega = [&](const Quote& leg) {
    if (leg.vega) return *leg.vega;
    const auto vol = quote_vol_bsm(leg, spot, years, ctx_->risk_free_rate(), ctx_->pricer());
    if (!vol) return 0.0;
    return ctx_->pricer().bsm({leg.instrument.right, spot, leg.instrument.strike, years, ctx_->risk_free_rate(), 0.0, *vol}).vega;
  };
  return std::fabs(vega(q.short_put) + vega(q.short_call) - vega(q.long_put) - vega(q.long_call)) * 100.0;
}

void IronCondorStrategy::on_option_chain(const OptionChainSnapshot& chain) {
  if (chain.root != config_.root || !pending_) return;
  const PendingEntry entry = *pending_;
  pending_.reset();
  const auto now = ctx_->clock().now_local();
  CondorInputs in{entry.expiry, now, entry.short_delta, vix_, ctx_->risk_free_rate()};
  const auto choice = choose_condor(chain, in, config_, ctx_->pricer());
  if (!choice.legs) {
    decide("skip condor: " + choice.reason);
    return;
  }
  const CondorQuotes& q = *choice.legs;
  const QuoteLimits limits{config_.max_quote_age_seconds, config_.max_relative_spread};
  for (const Quote* leg : {&q.short_put, &q.long_put, &q.short_call, &q.long_call}) {
    if (auto problem = quote_problem(*leg, ctx_->clock().now_utc(), limits)) {
      decide("skip condor: bad quote, " + *problem);
      return;
    }
  }
  const double limit = round_down_to(q.credit_mid(), config_.price_tick);
  // Formatted only for the decision log, after the order is out: this is the event-to-order path.
  const auto strikes = [&] {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.0f/%.0f/%.0f/%.0f", q.long_put.instrument.strike, q.short_put.instrument.strike,
                  q.short_call.instrument.strike, q.long_call.instrument.strike);
    return std::string(buf);
  };
  // The opening limit is always a credit: below the minimum (or a debit) means no trade.
  if (limit < config_.min_credit) {
    decide_lazily([&] {
      return "skip condor " + strikes() + fmt(": mid credit %.2f", q.credit_mid()) +
             fmt(" below min_credit %.2f", config_.min_credit);
    });
    return;
  }
  const double max_loss_each = (q.width() - limit) * 100.0;
  const int qty = std::min(config_.max_quantity,
                           static_cast<int>(std::floor(config_.risk_budget * entry.size_factor / max_loss_each + 1e-9)));
  if (qty < 1) {
    decide_lazily([&] {
      return "skip condor " + strikes() + fmt(": max loss %.0f $", max_loss_each) +
             fmt(" exceeds risk budget %.0f $", config_.risk_budget * entry.size_factor);
    });
    return;
  }
  ComboOrder order;
  order.legs = {{q.short_put.instrument, Side::Sell, 1}, {q.long_put.instrument, Side::Buy, 1},
                {q.short_call.instrument, Side::Sell, 1}, {q.long_call.instrument, Side::Buy, 1}};
  order.quantity = qty;
  order.limit = limit;
  order.effect = PriceEffect::Credit;
  order.tag = "ic:" + to_iso(entry.expiry);
  const auto id = ctx_->submit_combo(order);
  const double years = years_to(now, entry.expiry, 16 * 60);
  working_[id] = {order.tag, q, condor_vega(q, chain, years), qty};
  decide_lazily([&] {
    return "open condor " + std::to_string(qty) + " x " + strikes() + " exp " + to_iso(entry.expiry) +
           fmt(" at credit %.2f", limit) + fmt(", max loss %.0f $", max_loss_each * qty) + " [" + choice.reason + "; " +
           entry.why + "] id " + id;
  });
}

void IronCondorStrategy::close_condor(OpenCondor& c, double debit, const std::string& why) {
  ComboOrder order;
  const Date e = c.expiry;
  order.legs = {{spxw_option(e, c.short_put, OptionType::Put), Side::Buy, 1},
                {spxw_option(e, c.long_put, OptionType::Put), Side::Sell, 1},
                {spxw_option(e, c.short_call, OptionType::Call), Side::Buy, 1},
                {spxw_option(e, c.long_call, OptionType::Call), Side::Sell, 1}};
  order.quantity = c.quantity;
  order.limit = std::max(round_up_to(debit, config_.price_tick), config_.price_tick);
  order.effect = PriceEffect::Debit;
  order.tag = c.tag + ":close";
  c.closing_order = ctx_->submit_combo(order);
  decide_lazily(
      [&] { return "close condor " + c.tag + ": " + why + fmt(", limit debit %.2f", order.limit) + " id " + *c.closing_order; });
}

void IronCondorStrategy::on_quotes(const QuoteSnapshot& snapshot) {
  if (!config_.stop_loss_multiple && !config_.profit_target) return;
  const QuoteLimits limits{config_.max_quote_age_seconds, config_.max_relative_spread};
  for (auto& c : open_) {
    if (c.closing_order) continue;
    auto find = [&](double strike, OptionType right) -> const Quote* {
      const auto inst = spxw_option(c.expiry, strike, right);
      for (const auto& q : snapshot.quotes)
        if (q.instrument == inst) return &q;
      return nullptr;
    };
    const Quote* legs[4] = {find(c.short_put, OptionType::Put), find(c.long_put, OptionType::Put),
                            find(c.short_call, OptionType::Call), find(c.long_call, OptionType::Call)};
    if (std::any_of(std::begin(legs), std::end(legs), [](const Quote* q) { return q == nullptr; })) continue;
    bool usable = true;
    for (const Quote* leg : legs) {
      // A zero bid on a far wing is normal intraday; only the prices we pay must be sane.
      if (auto problem = quote_problem(*leg, ctx_->clock().now_utc(), limits); problem && leg->bid != 0) {
        ctx_->log(LogLevel::Info, config_.name, "no stop check for " + c.tag + ": " + *problem);
        usable = false;
        break;
      }
    }
    if (!usable) continue;
    const double debit = legs[0]->ask + legs[2]->ask - legs[1]->bid - legs[3]->bid;
    if (config_.stop_loss_multiple && debit >= *config_.stop_loss_multiple * c.credit)
      close_condor(c, debit, fmt("stop: debit to close %.2f", debit) + fmt(" >= %.1f x credit", *config_.stop_loss_multiple));
    else if (config_.profit_target && debit <= (1.0 - *config_.profit_target) * c.credit)
      close_condor(c, debit, fmt("profit target: debit to close %.2f", debit) +
                                 fmt(" <= %.0f%% of credit", (1.0 - *config_.profit_target) * 100));
  }
}

void IronCondorStrategy::on_order_event(const OrderEvent& e) {
  if (auto it = working_.find(e.id); it != working_.end()) {
    if (e.state == OrderState::Rejected || e.state == OrderState::Cancelled || e.state == OrderState::Expired)
      decide_lazily([&] {
        return "condor order " + e.id + " " + std::string(to_string(e.state)) + (e.reason.empty() ? "" : ": " + e.reason);
      });
    // A Filled entry stays until its fill arrives (fills follow their order event).
    if (is_terminal(e.state) && e.state != OrderState::Filled) working_.erase(it);
    return;
  }
  for (auto& c : open_)
    if (c.closing_order == e.id && (e.state == OrderState::Rejected || e.state == OrderState::Cancelled)) {
      decide("closing order " + e.id + " for " + c.tag + " " + std::string(to_string(e.state)) + ": " + e.reason);
      c.closing_order.reset();
    }
}

void IronCondorStrategy::on_fill(const Fill& f) {
  if (auto it = working_.find(f.id); it != working_.end()) {
    const WorkingEntry& w = it->second;
    auto c = std::find_if(open_.begin(), open_.end(), [&](const OpenCondor& o) { return o.tag == w.tag; });
    if (c == open_.end()) {
      const auto& q = w.legs;
      open_.push_back({w.tag, q.short_put.instrument.expiry, q.short_put.instrument.strike, q.long_put.instrument.strike,
                       q.short_call.instrument.strike, q.long_call.instrument.strike, 0, 0, std::nullopt});
      c = std::prev(open_.end());
    }
    const int total = c->quantity + f.quantity;
    c->credit = (c->credit * c->quantity + f.net_price * f.quantity) / total;
    c->quantity = total;
    const double width = std::max(c->short_put - c->long_put, c->long_call - c->short_call);
    exposure_ = CondorExposure{c->expiry, c->quantity, c->credit, (width - c->credit) * 100.0 * c->quantity,
                               w.vega_per_condor * c->quantity};
    if (c->quantity >= w.quantity) working_.erase(it);
    return;
  }
  for (auto c = open_.begin(); c != open_.end(); ++c) {
    if (c->closing_order != f.id) continue;
    c->quantity -= f.quantity;
    if (c->quantity <= 0) open_.erase(c);
    return;
  }
}

void IronCondorStrategy::on_settlement(const Settlement& s) {
  if (s.instrument.root != config_.root) return;
  for (auto c = open_.begin(); c != open_.end();) {
    if (c->expiry == s.instrument.expiry) {
      decide_lazily([&] { return "condor " + c->tag + fmt(" cash-settled at SPX %.2f", s.settlement_price); });
      c = open_.erase(c);
    } else {
      ++c;
    }
  }
}

std::string IronCondorStrategy::save_state() const {
  std::ostringstream out;
  out.precision(17);
  for (const auto& c : open_)
    out << "condor " << c.tag << ' ' << to_iso(c.expiry) << ' ' << c.short_put << ' ' << c.long_put << ' ' << c.short_call
        << ' ' << c.long_call << ' ' << c.quantity << ' ' << c.credit << '\n';
  return out.str();
}

bool IronCondorStrategy::load_state(std::string_view blob) {
  std::istringstream in{std::string(blob)};
  std::vector<OpenCondor> loaded;
  std::string word;
  while (in >> word) {
    if (word != "condor") return false;
    OpenCondor c;
    std::string expiry;
    if (!(in >> c.tag >> expiry >> c.short_put >> c.long_put >> c.short_call >> c.long_call >> c.quantity >> c.credit))
      return false;
    const auto d = parse_iso_date(expiry);
    if (!d) return false;
    c.expiry = *d;
    loaded.push_back(c);
  }
  open_ = std::move(loaded);
  return true;
}

}  // namespace alvh::strategies
