#pragma once
// alvh-paper-broker's decisions: protocol-v1 commands served by one account of the simulated venue
// (venue::SimulatedVenue, the same class the backtest executes against in-process), plus the
// broker's own record: the answer given to every client order id (a duplicate is answered, never
// executed again, also after a restart: the recorded outcome, its events and its fill, is published
// again with `duplicate: true` in the ack) and a journal of every durable change. Replay time only
// moves through set_clock(): the broker never reads the wall clock for prices.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alvh/broker/broker_journal.hpp"
#include "alvh/broker/event_publisher.hpp"
#include "alvh/venue/simulated_venue.hpp"
#include "alvh/zmq/backend_handler.hpp"

namespace alvh::broker {

using PaperBrokerSettings = venue::VenueSettings;

// What one clock message did.
struct ClockOutcome {
  ExchangeTime time;
  int settlements = 0;  // settlement events published
};

class PaperBroker final : public wire::BackendHandler {
 public:
  // `journal` (may be empty) receives every durable change.
  PaperBroker(const venue::SimulatedMarket& market, PaperBrokerSettings settings = {},
              std::function<void(const JournalEntry&)> journal = {});

  void set_publisher(EventPublisher* publisher) { publisher_ = publisher; }

  // Rebuilds state from journalled entries (no events are published, nothing is re-journalled).
  void restore(const std::vector<JournalEntry>& entries);

  // Moves replay time to `t`; the venue settles what expired on the way, each expiry at its own
  // day's value. Throws std::invalid_argument if `t` is before the current time or after the
  // venue's last day.
  ClockOutcome set_clock(ExchangeTime t);
  const std::optional<ExchangeTime>& clock() const { return venue_.clock(); }

  // --- BackendHandler
  wire::CommandVerdict on_submit_combo(const ClientOrderId& id, const ComboOrder& order) override;
  wire::CommandVerdict on_submit_order(const ClientOrderId& id, const SingleOrder& order) override;
  wire::CommandVerdict on_cancel(const ClientOrderId& id) override;
  void on_duplicate(const ClientOrderId& id) override;
  // Positions, plus the recorded outcomes of the last kFinishedListed orders that ended.
  wire::BackendSnapshot on_snapshot() override;
  static constexpr std::size_t kFinishedListed = 32;

  std::vector<Position> positions() const;  // net per instrument, by symbol
  const std::map<ClientOrderId, OrderEntry>& orders() const { return orders_; }
  // Modelling labels counted like the replay engine's diagnostics.
  const std::map<std::string, int>& diagnostics() const { return venue_.diagnostics(); }
  const venue::SimulatedVenue& venue() const { return venue_; }

 private:
  wire::CommandVerdict replay_duplicate(const OrderEntry& prior);
  void republish(const OrderEntry& prior);
  std::optional<Fill> recorded_fill(const OrderEntry& prior, Timestamp when) const;
  Timestamp recorded_time(const OrderEntry& prior) const;
  wire::CommandVerdict answer(const ClientOrderId& id, venue::VenueExecution done, OrderEntry entry);
  void record(const JournalEntry& e);
  void publish(const OrderEvent& e);

  std::function<void(const JournalEntry&)> journal_;
  EventPublisher* publisher_ = nullptr;
  venue::SimulatedVenue venue_;
  std::map<ClientOrderId, OrderEntry> orders_;
  std::map<ClientOrderId, FillEntry> fills_;  // the fill booked for each filled order, re-published for duplicates
  std::vector<ClientOrderId> ended_;           // ids in the order they were answered (all end at once)
};

}  // namespace alvh::broker
