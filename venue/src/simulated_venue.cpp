#include "alvh/venue/simulated_venue.hpp"

#include "alvh/venue/position_book.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace alvh::venue {

namespace {

bool is_vix_family(const Instrument& i) { return i.root == "VIX" || i.root == "VX"; }

std::string contracts_text(std::int64_t n) { return std::to_string(n); }

}  // namespace

SimulatedVenue::SimulatedVenue(const SimulatedMarket& market, VenueSettings settings)
    : market_(&market), settings_(settings) {}

std::vector<VenueSettlement> SimulatedVenue::advance(ExchangeTime t) {
  if (clock_ && t < *clock_)
    throw std::invalid_argument("clock moves backwards: " + to_string(t) + " is before " + to_string(*clock_));
  if (settings_.last_day && t.date > *settings_.last_day)
    throw std::invalid_argument("clock " + to_string(t) + " is after the last replayed day " + to_iso(*settings_.last_day));
  clock_ = t;
  struct Due {
    ExchangeTime at;
    std::string key;
  };
  std::vector<Due> due;
  for (const auto& [key, p] : positions_) {
    const Instrument& i = p.instrument;
    const ExchangeTime at{i.expiry, is_vix_family(i) ? settings_.open_minutes : market_->close_minutes(i.expiry)};
    if (at <= t) due.push_back({at, key});
  }
  std::stable_sort(due.begin(), due.end(), [](const Due& a, const Due& b) { return a.at < b.at; });
  std::vector<VenueSettlement> out;
  for (const Due& d : due) {
    const Position p = positions_.at(d.key);
    // Each expiry at its own day's value, whatever day the clock jumped to.
    const auto value = market_->settlement(p.instrument, p.instrument.expiry);
    if (!value) {
      ++diagnostics_["settlements without a settlement value (left open)"];
      continue;
    }
    if (value->source == SettlementSource::vix_close_proxy) ++diagnostics_["VIX settlements at the VIX close (no open)"];
    if (value->source == SettlementSource::vix_open) ++diagnostics_["VIX settlements at the VIX open (SOQ stand-in)"];
    VenueSettlement s{d.at, market_->fills().settle(p.instrument, p.quantity, value->value), value->source};
    restore_settlement(s.fill);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::string> SimulatedVenue::check(const std::vector<Leg>& legs, std::int64_t quantity, double limit) const {
  if (legs.empty() || quantity <= 0 || !std::isfinite(limit) || limit < 0)
    return legs.size() == 1 ? "invalid order (quantity <= 0 or non-finite limit)"
                            : "invalid combo order (no legs, quantity <= 0 or non-finite limit)";
  for (const Leg& leg : legs) {
    if (leg.contracts == 0) return "invalid leg " + symbol(leg.instrument) + ": ratio 0";
    if (auto why = market_->listing_problem(leg.instrument, clock_->date)) return *why;
    // 64-bit and bounded before multiplying: |ratio| and quantity both fit in 32 bits on the wire.
    const std::int64_t contracts = std::abs(leg.contracts) * quantity;
    if (contracts > settings_.max_order_contracts)
      return "order of " + contracts_text(contracts) + " " + symbol(leg.instrument) + " contracts exceeds the venue's cap of " +
             contracts_text(settings_.max_order_contracts) + " per order";
    const auto held = positions_.find(symbol(leg.instrument));
    const std::int64_t after = (held == positions_.end() ? 0 : held->second.quantity) + leg.contracts * quantity;
    if (std::abs(after) > settings_.max_position_contracts)
      return "a position of " + contracts_text(after) + " " + symbol(leg.instrument) + " would exceed the venue's cap of " +
             contracts_text(settings_.max_position_contracts) + " contracts";
  }
  return std::nullopt;
}

VenueExecution SimulatedVenue::run(const ClientOrderId& id, const std::vector<Leg>& legs, std::int64_t quantity,
                                   double limit, PriceEffect effect) {
  if (!clock_) throw std::logic_error("SimulatedVenue::execute before the clock was set");
  VenueExecution out;
  if (auto why = check(legs, quantity, limit)) {
    out.reason = std::move(*why);
    return out;
  }
  std::vector<LegOrder> priced;
  priced.reserve(legs.size());
  for (const Leg& leg : legs) {
    // The venue's terms, already checked: its multiplier, or 1/100 of it for a fractional study lot.
    const Instrument& inst = leg.instrument;
    const auto q = market_->quote(inst, *clock_);
    if (!q) {
      out.reason = "no model price for " + symbol(inst);
      return out;
    }
    if (q->forward_source == "extrapolated" || q->forward_source == "index_proxy")
      ++diagnostics_["fills priced on a VX forward that is " + q->forward_source];
    if (q->vol_source == "VVIX fallback") ++diagnostics_["fills priced with the VVIX fallback"];
    priced.push_back({inst, static_cast<int>(leg.contracts), q->quote.mid()});
  }
  const int units = static_cast<int>(quantity);
  ComboFill fill = market_->fills().fill(priced, units);
  const double magnitude = std::fabs(fill.net_price);
  const PriceEffect got = fill.net_price < 0 ? PriceEffect::Credit : fill.net_price > 0 ? PriceEffect::Debit : effect;
  if (settings_.enforce_limits) {
    const bool ok = effect == PriceEffect::Credit ? (got == PriceEffect::Credit || magnitude == 0) && magnitude + 1e-9 >= limit
                                                  : (got == PriceEffect::Credit || magnitude <= limit + 1e-9);
    if (!ok) {
      out.state = OrderState::Cancelled;
      out.reason = "limit " + std::to_string(limit) + " not reached by the model fill " + std::to_string(magnitude);
      return out;
    }
  }
  restore_fill(fill);
  out.state = OrderState::Filled;
  Fill& f = out.fill;
  f.id = id;
  f.quantity = units;
  f.net_price = magnitude;
  f.effect = got;
  f.commission = fill.fees;
  f.time = replay_timestamp(clock_->date, clock_->minutes);
  f.legs.reserve(fill.legs.size());
  for (const FilledLeg& leg : fill.legs)
    f.legs.push_back({leg.instrument, leg.quantity > 0 ? Side::Buy : Side::Sell, std::abs(leg.quantity), leg.price, leg.fees});
  out.booked = std::move(fill);
  return out;
}

VenueExecution SimulatedVenue::execute(const ClientOrderId& id, const ComboOrder& order) {
  std::vector<Leg> legs;
  legs.reserve(order.legs.size());
  for (const ComboLeg& leg : order.legs) {
    if (leg.ratio <= 0) {
      VenueExecution out;
      out.reason = "invalid leg " + symbol(leg.instrument) + ": ratio " + std::to_string(leg.ratio) + " (must be >= 1)";
      return out;
    }
    legs.push_back({leg.instrument, leg.side == Side::Buy ? std::int64_t{leg.ratio} : -std::int64_t{leg.ratio}});
  }
  return run(id, legs, order.quantity, order.limit, order.effect);
}

VenueExecution SimulatedVenue::execute(const ClientOrderId& id, const SingleOrder& order) {
  const std::vector<Leg> legs{{order.instrument, order.side == Side::Buy ? 1 : -1}};
  return run(id, legs, order.quantity, order.limit, order.side == Side::Buy ? PriceEffect::Debit : PriceEffect::Credit);
}

void SimulatedVenue::book(const Instrument& inst, int qty, double price) {
  book_position(positions_, inst, qty, price, {});
}

void SimulatedVenue::restore_fill(const ComboFill& fill) {
  for (const FilledLeg& leg : fill.legs) book(leg.instrument, leg.quantity, leg.price);
  cash_ += fill.cash;
}

void SimulatedVenue::restore_settlement(const SettlementFill& fill) {
  book(fill.instrument, -fill.quantity, fill.value);
  cash_ += fill.cash;
}

std::vector<Position> SimulatedVenue::positions() const {
  std::vector<Position> out;
  out.reserve(positions_.size());
  for (const auto& [key, p] : positions_) out.push_back(p);
  return out;
}

}  // namespace alvh::venue
