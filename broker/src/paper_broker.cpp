#include "alvh/broker/paper_broker.hpp"

#include "alvh/backtest/booking.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace alvh::broker {

namespace {

using backtest::Book;

using backtest::book_of;
using backtest::booking_action;
using backtest::is_vix_family;
using backtest::group_of;
using backtest::position_id;

Timestamp at(ExchangeTime t) { return venue::replay_timestamp(t.date, t.minutes); }

}  // namespace

PaperBroker::PaperBroker(const PaperMarket& market, PaperBrokerSettings settings,
                         std::function<void(const JournalEntry&)> journal)
    : market_(&market), settings_(settings), journal_(std::move(journal)), ledger_(settings.initial_equity) {}

void PaperBroker::restore(const std::vector<JournalEntry>& entries) {
  for (const JournalEntry& e : entries) {
    if (const auto* c = std::get_if<ClockEntry>(&e)) clock_ = c->time;
    else if (const auto* o = std::get_if<OrderEntry>(&e)) orders_[o->id] = *o;
    else if (const auto* f = std::get_if<FillEntry>(&e)) book(*f);
    else book(std::get<SettlementEntry>(e));
  }
}

void PaperBroker::record(const JournalEntry& e) {
  if (journal_) journal_(e);
}

void PaperBroker::publish(const OrderEvent& e) {
  if (publisher_) publisher_->order_event(e);
}

ClockOutcome PaperBroker::set_clock(ExchangeTime t) {
  if (clock_ && t < *clock_)
    throw std::invalid_argument("clock moves backwards: " + to_string(t) + " is before " + to_string(*clock_));
  const std::optional<ExchangeTime> previous = clock_;
  clock_ = t;
  ClockOutcome out{t, 0};
  const auto crossed = [&](ExchangeTime mark) { return t >= mark && (!previous || *previous < mark); };
  // Settlements are journalled before the clock: a crash in between re-runs an empty crossing
  // rather than skipping one.
  if (const ExchangeTime open{t.date, settings_.open_minutes}; crossed(open)) out.settlements += settle_expiring(open, true);
  if (const ExchangeTime close{t.date, market_->close_minutes(t.date)}; crossed(close))
    out.settlements += settle_expiring(close, false);
  record(ClockEntry{t});
  return out;
}

zmq::CommandVerdict PaperBroker::refuse(OrderEntry record_entry, std::string reason) {
  record_entry.accepted = false;
  record_entry.state = OrderState::Rejected;
  record_entry.reason = reason;
  record(record_entry);
  orders_[record_entry.id] = std::move(record_entry);
  return zmq::CommandVerdict::reject(std::move(reason));
}

zmq::CommandVerdict PaperBroker::replay_duplicate(const OrderEntry& prior) {
  // Seen before a restart (the server's own record is per process): answer, never execute again.
  if (!prior.accepted) return zmq::CommandVerdict::reject(prior.reason);
  publish(OrderEvent{prior.id, prior.state, prior.filled_quantity,
                     "duplicate client_order_id from before the broker restarted; not executed again",
                     clock_ ? at(*clock_) : Timestamp{}});
  return zmq::CommandVerdict::accept();
}

zmq::CommandVerdict PaperBroker::on_submit_combo(const ClientOrderId& id, const ComboOrder& order) {
  if (auto it = orders_.find(id); it != orders_.end()) return replay_duplicate(it->second);
  // Not an answer about the order: handler_error, so the id stays usable once the host sends a clock.
  if (!clock_) throw std::runtime_error("no replay time yet: the host must send a clock message first");
  OrderEntry entry;
  entry.id = id;
  entry.combo = order;
  if (order.legs.empty() || order.quantity <= 0 || !std::isfinite(order.limit))
    return refuse(std::move(entry), "invalid combo order (no legs, quantity <= 0 or non-finite limit)");
  std::vector<venue::LegOrder> legs;
  for (const ComboLeg& leg : order.legs) {
    const auto q = market_->quote(leg.instrument, *clock_);
    if (!q) return refuse(std::move(entry), "no model price for " + symbol(leg.instrument));
    count_forward(*q);
    legs.push_back({leg.instrument, leg.side == Side::Buy ? leg.ratio : -leg.ratio, q->quote.mid()});
  }
  return execute(id, legs, order.quantity, order.limit, order.effect, order.tag, true, std::move(entry));
}

zmq::CommandVerdict PaperBroker::on_submit_order(const ClientOrderId& id, const SingleOrder& order) {
  if (auto it = orders_.find(id); it != orders_.end()) return replay_duplicate(it->second);
  if (!clock_) throw std::runtime_error("no replay time yet: the host must send a clock message first");
  OrderEntry entry;
  entry.id = id;
  entry.single = order;
  if (order.quantity <= 0 || !std::isfinite(order.limit))
    return refuse(std::move(entry), "invalid order (quantity <= 0 or non-finite limit)");
  const auto q = market_->quote(order.instrument, *clock_);
  if (!q) return refuse(std::move(entry), "no model price for " + symbol(order.instrument));
  count_forward(*q);
  const venue::LegOrder leg{order.instrument, order.side == Side::Buy ? 1 : -1, q->quote.mid()};
  return execute(id, {leg}, order.quantity, order.limit, order.side == Side::Buy ? PriceEffect::Debit : PriceEffect::Credit,
                 order.tag, false, std::move(entry));
}

zmq::CommandVerdict PaperBroker::execute(const ClientOrderId& id, const std::vector<venue::LegOrder>& legs,
                                         int quantity, double limit, PriceEffect effect, const std::string& tag,
                                         bool combo, OrderEntry entry) {
  const venue::ComboFill fill = market_->fills().fill(legs, quantity);
  const double magnitude = std::fabs(fill.net_price);
  const PriceEffect got = fill.net_price < 0 ? PriceEffect::Credit : fill.net_price > 0 ? PriceEffect::Debit : effect;
  const Timestamp now = at(*clock_);
  if (settings_.enforce_limits) {
    const bool ok = effect == PriceEffect::Credit ? (got == PriceEffect::Credit || magnitude == 0) && magnitude + 1e-9 >= limit
                                                  : (got == PriceEffect::Credit || magnitude <= limit + 1e-9);
    if (!ok) {
      entry.state = OrderState::Cancelled;
      entry.reason = "limit " + std::to_string(limit) + " not reached by the model fill " + std::to_string(magnitude);
      record(entry);
      orders_[id] = entry;
      publish(OrderEvent{id, OrderState::Accepted, 0, {}, now});
      publish(OrderEvent{id, OrderState::Cancelled, 0, entry.reason, now});
      return zmq::CommandVerdict::accept();
    }
  }
  const Book b = book_of(legs.front().instrument);
  const std::string action = booking_action(tag, combo, legs.front().ratio);
  FillEntry booking{*clock_, b, position_id(tag, legs.front().instrument, combo), group_of(b, tag), action, tag, fill};
  entry.state = OrderState::Filled;
  entry.filled_quantity = quantity;
  // The order first: after a crash between the two lines the id is never executed twice.
  record(entry);
  orders_[id] = entry;
  record(booking);
  book(booking);

  Fill f;
  f.id = id;
  f.quantity = quantity;
  f.net_price = magnitude;
  f.effect = got;
  f.commission = fill.fees;
  f.time = now;
  for (const venue::FilledLeg& leg : fill.legs)
    f.legs.push_back({leg.instrument, leg.quantity > 0 ? Side::Buy : Side::Sell, std::abs(leg.quantity), leg.price});
  // Same order as the replay engine delivers them; all are published before the submit is acked.
  publish(OrderEvent{id, OrderState::Accepted, 0, {}, now});
  publish(OrderEvent{id, OrderState::Filled, quantity, {}, now});
  if (publisher_) publisher_->fill(f);
  return zmq::CommandVerdict::accept();
}

void PaperBroker::count_forward(const venue::ModelQuote& q) {
  if (q.forward_source == "extrapolated" || q.forward_source == "index_proxy")
    ++diagnostics_["fills priced on a VX forward that is " + q.forward_source];
  if (q.vol_source == "VVIX fallback") ++diagnostics_["fills priced with the VVIX fallback"];
}

void PaperBroker::book(const FillEntry& e) {
  ledger_.apply(e.time.date, e.time.minutes, e.book, e.position, e.group, e.action, e.fill);
  for (const venue::FilledLeg& leg : e.fill.legs) update_position(leg.instrument, leg.quantity, leg.price, e.tag);
}

void PaperBroker::book(const SettlementEntry& e) {
  ledger_.settle(e.time.date, e.time.minutes, e.position, e.fill);
  update_position(e.fill.instrument, -e.fill.quantity, e.fill.value, {});
}

void PaperBroker::update_position(const Instrument& inst, int qty, double price, const std::string& tag) {
  backtest::book_position(positions_, inst, qty, price, tag);
}

int PaperBroker::settle_expiring(ExchangeTime when, bool vix_family) {
  struct Due {
    std::string position;
    Instrument instrument;
    int quantity;
  };
  std::vector<Due> due;
  for (const backtest::PositionRecord* p : ledger_.open_positions())
    for (const backtest::PositionLeg& leg : p->legs)
      if (is_vix_family(leg.instrument) == vix_family && leg.instrument.expiry <= when.date)
        due.push_back({p->id, leg.instrument, leg.quantity});
  std::map<std::string, Settlement> events;
  for (const Due& d : due) {
    const auto value = market_->settlement(d.instrument, when.date);
    if (!value) {
      ++diagnostics_["settlements without a settlement value (left open)"];
      continue;
    }
    if (value->source == venue::SettlementSource::vix_close_proxy) ++diagnostics_["VIX settlements at the VIX close (no open)"];
    if (value->source == venue::SettlementSource::vix_open) ++diagnostics_["VIX settlements at the VIX open (SOQ stand-in)"];
    const SettlementEntry entry{when, d.position, market_->fills().settle(d.instrument, d.quantity, value->value)};
    record(entry);
    book(entry);
    Settlement& s = events[symbol(d.instrument)];
    s.instrument = d.instrument;
    s.date = when.date;
    s.settlement_price = value->value;
    s.quantity += d.quantity;
    s.cash += entry.fill.cash;
  }
  if (publisher_)
    for (const auto& [key, s] : events) publisher_->settlement(s);
  return static_cast<int>(events.size());
}

zmq::CommandVerdict PaperBroker::on_cancel(const ClientOrderId& id) {
  const auto it = orders_.find(id);
  if (it == orders_.end()) return zmq::CommandVerdict::reject("unknown client order id '" + id + "'");
  return zmq::CommandVerdict::reject("order '" + id + "' is " + std::string(to_string(it->second.state)) +
                                     ": paper orders fill or end at once, nothing is working");
}

std::vector<Position> PaperBroker::positions() const {
  std::vector<Position> out;
  out.reserve(positions_.size());
  for (const auto& [key, p] : positions_) out.push_back(p);
  return out;
}

zmq::BackendSnapshot PaperBroker::on_snapshot() {
  zmq::BackendSnapshot s;
  s.positions = positions();  // open_orders stay empty: nothing ever works
  return s;
}

}  // namespace alvh::broker
