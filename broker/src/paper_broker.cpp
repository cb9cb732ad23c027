#include "alvh/broker/paper_broker.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace alvh::broker {

namespace {

Timestamp at(ExchangeTime t) { return venue::replay_timestamp(t.date, t.minutes); }

}  // namespace

PaperBroker::PaperBroker(const venue::SimulatedMarket& market, PaperBrokerSettings settings,
                         std::function<void(const JournalEntry&)> journal)
    : journal_(std::move(journal)), venue_(market, settings) {}

void PaperBroker::restore(const std::vector<JournalEntry>& entries) {
  for (const JournalEntry& e : entries) {
    if (const auto* c = std::get_if<ClockEntry>(&e)) venue_.restore_clock(c->time);
    else if (const auto* o = std::get_if<OrderEntry>(&e)) {
      if (orders_.insert_or_assign(o->id, *o).second) ended_.push_back(o->id);
      if (o->fill) {
        venue_.restore_fill(o->fill->fill);
        fills_[o->id] = *o->fill;
      }
    }
    else if (const auto* f = std::get_if<FillEntry>(&e)) {
      venue_.restore_fill(f->fill);
      fills_[f->id] = *f;
    }
    else venue_.restore_settlement(std::get<SettlementEntry>(e).fill);
  }
}

void PaperBroker::record(const JournalEntry& e) {
  if (journal_) journal_(e);
}

void PaperBroker::publish(const OrderEvent& e) {
  if (publisher_) publisher_->order_event(e);
}

ClockOutcome PaperBroker::set_clock(ExchangeTime t) {
  const std::vector<venue::VenueSettlement> settled = venue_.advance(t);
  // Settlements are journalled before the clock: a crash in between re-runs an empty crossing
  // rather than skipping one (the venue has already booked them when restored).
  std::map<std::string, Settlement> events;
  for (const venue::VenueSettlement& s : settled) {
    record(SettlementEntry{s.at, s.fill});
    Settlement& e = events[symbol(s.fill.instrument)];
    e.instrument = s.fill.instrument;
    e.date = s.at.date;
    e.settlement_price = s.fill.settlement_price;
    e.quantity += s.fill.quantity;
    e.cash += s.fill.cash;
  }
  record(ClockEntry{t});
  if (publisher_)
    for (const auto& [key, s] : events) publisher_->settlement(s);
  return ClockOutcome{t, static_cast<int>(events.size())};
}

wire::CommandVerdict PaperBroker::replay_duplicate(const OrderEntry& prior) {
  // Seen before a restart (the server's own record is per process): the recorded answer, flagged
  // as a duplicate, and the recorded outcome published again; never executed again.
  if (!prior.accepted) return wire::CommandVerdict::reject_duplicate(prior.reason);
  republish(prior);
  return wire::CommandVerdict::accept_duplicate();
}

void PaperBroker::on_duplicate(const ClientOrderId& id) {
  if (const auto it = orders_.find(id); it != orders_.end() && it->second.accepted) republish(it->second);
}

// The events and the fill of a recorded order, as answer() published them the first time (the
// fill rebuilt from the booking; its time is the booking's replay time).
void PaperBroker::republish(const OrderEntry& prior) {
  const Timestamp when = recorded_time(prior);
  publish(OrderEvent{prior.id, OrderState::Accepted, 0, {}, when});
  const auto fill = recorded_fill(prior, when);
  publish(OrderEvent{prior.id, fill ? OrderState::Filled : prior.state, prior.filled_quantity, fill ? "" : prior.reason, when});
  if (fill && publisher_) publisher_->fill(*fill);
}

Timestamp PaperBroker::recorded_time(const OrderEntry& prior) const {
  const auto fill = fills_.find(prior.id);
  return fill != fills_.end() ? at(fill->second.time) : venue_.clock() ? at(*venue_.clock()) : Timestamp{};
}

// The fill of a filled order as answer() published it (rebuilt from the booking); none otherwise.
std::optional<Fill> PaperBroker::recorded_fill(const OrderEntry& prior, Timestamp when) const {
  const auto fill = fills_.find(prior.id);
  if (prior.state != OrderState::Filled || fill == fills_.end()) return std::nullopt;
  const venue::ComboFill& b = fill->second.fill;
  Fill f;
  f.id = prior.id;
  f.quantity = b.quantity;
  f.net_price = std::fabs(b.net_price);
  const PriceEffect asked = prior.combo ? prior.combo->effect
                           : prior.single && prior.single->side == Side::Sell ? PriceEffect::Credit
                                                                              : PriceEffect::Debit;
  f.effect = b.net_price < 0 ? PriceEffect::Credit : b.net_price > 0 ? PriceEffect::Debit : asked;
  f.commission = b.fees;
  f.time = when;
  for (const venue::FilledLeg& leg : b.legs)
    f.legs.push_back({leg.instrument, leg.quantity > 0 ? Side::Buy : Side::Sell, std::abs(leg.quantity), leg.price, leg.fees});
  return f;
}

wire::CommandVerdict PaperBroker::answer(const ClientOrderId& id, venue::VenueExecution done, OrderEntry entry) {
  const Timestamp now = at(*venue_.clock());
  if (done.state == OrderState::Rejected) {
    entry.accepted = false;
    entry.state = OrderState::Rejected;
    entry.reason = done.reason;
    record(entry);
    orders_[id] = std::move(entry);
    ended_.push_back(id);
    return wire::CommandVerdict::reject(std::move(done.reason));
  }
  entry.state = done.state;
  entry.reason = done.reason;
  entry.filled_quantity = done.state == OrderState::Filled ? done.fill.quantity : 0;
  // The answer and the booking in one line: a crash leaves both or neither.
  if (done.state == OrderState::Filled) {
    entry.fill = FillEntry{*venue_.clock(), id, done.booked};
    fills_[id] = *entry.fill;
  }
  record(entry);
  orders_[id] = entry;
  ended_.push_back(id);
  // All are published before the submit is acked, in the order the replay engine delivers them.
  publish(OrderEvent{id, OrderState::Accepted, 0, {}, now});
  if (done.state == OrderState::Cancelled) {
    publish(OrderEvent{id, OrderState::Cancelled, 0, done.reason, now});
    return wire::CommandVerdict::accept();
  }
  publish(OrderEvent{id, OrderState::Filled, entry.filled_quantity, {}, now});
  if (publisher_) publisher_->fill(done.fill);
  return wire::CommandVerdict::accept();
}

wire::CommandVerdict PaperBroker::on_submit_combo(const ClientOrderId& id, const ComboOrder& order) {
  if (auto it = orders_.find(id); it != orders_.end()) return replay_duplicate(it->second);
  // Not an answer about the order: handler_error, so the id stays usable once the host sends a clock.
  if (!venue_.clock()) throw std::runtime_error("no replay time yet: the host must send a clock message first");
  OrderEntry entry;
  entry.id = id;
  entry.combo = order;
  return answer(id, venue_.execute(id, order), std::move(entry));
}

wire::CommandVerdict PaperBroker::on_submit_order(const ClientOrderId& id, const SingleOrder& order) {
  if (auto it = orders_.find(id); it != orders_.end()) return replay_duplicate(it->second);
  if (!venue_.clock()) throw std::runtime_error("no replay time yet: the host must send a clock message first");
  OrderEntry entry;
  entry.id = id;
  entry.single = order;
  return answer(id, venue_.execute(id, order), std::move(entry));
}

wire::CommandVerdict PaperBroker::on_cancel(const ClientOrderId& id) {
  const auto it = orders_.find(id);
  if (it == orders_.end()) return wire::CommandVerdict::reject("unknown client order id '" + id + "'");
  return wire::CommandVerdict::reject("order '" + id + "' is " + std::string(to_string(it->second.state)) +
                                     ": paper orders fill or end at once, nothing is working");
}

std::vector<Position> PaperBroker::positions() const { return venue_.positions(); }

wire::BackendSnapshot PaperBroker::on_snapshot() {
  wire::BackendSnapshot s;
  s.positions = positions();  // open_orders stay empty: nothing ever works
  // A host restarted after a crash adopts these instead of re-sending its in-flight order.
  auto& finished = s.finished_orders.emplace();
  for (std::size_t i = ended_.size() > kFinishedListed ? ended_.size() - kFinishedListed : 0; i < ended_.size(); ++i) {
    const OrderEntry& o = orders_.at(ended_[i]);
    const Timestamp when = recorded_time(o);
    const auto fill = recorded_fill(o, when);
    finished.push_back({OrderEvent{o.id, o.accepted ? o.state : OrderState::Rejected, o.filled_quantity, o.reason, when},
                        fill ? std::vector<Fill>{*fill} : std::vector<Fill>{}});
  }
  return s;
}

}  // namespace alvh::broker
