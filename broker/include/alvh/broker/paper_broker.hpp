#pragma once
// The paper broker's decisions: fills exactly like the backtest's replay engine (model mid of each
// leg at the announced replay time, FillModel slippage and fees, the whole order at once) and
// settles held contracts at expiry like it does (VIX family at the open, SPXW at the close).
// Replay time only moves through set_clock(): the broker never reads the wall clock for prices.
// Every answer, booking and clock is journalled so a restarted broker keeps positions and never
// executes a client order id twice.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alvh/broker/broker_journal.hpp"
#include "alvh/broker/event_publisher.hpp"
#include "alvh/broker/paper_market.hpp"
#include "alvh/backtest/ledger.hpp"
#include "alvh/zmq/backend_handler.hpp"

namespace alvh::broker {

struct PaperBrokerSettings {
  double initial_equity = 100000.0;  // ReplaySettings::initial_equity
  int open_minutes = hhmm(9, 30);    // VIX-family settlement (AM SOQ stand-in)
  // As ReplaySettings::enforce_limits: off by default, the strategy prices at the mid and the
  // slippage stands for working the order down from it.
  bool enforce_limits = false;
};

// What one clock message did.
struct ClockOutcome {
  ExchangeTime time;
  int settlements = 0;  // settlement events published
};

class PaperBroker final : public zmq::BackendHandler {
 public:
  // `journal` (may be empty) receives every durable change.
  PaperBroker(const PaperMarket& market, PaperBrokerSettings settings = {},
              std::function<void(const JournalEntry&)> journal = {});

  void set_publisher(EventPublisher* publisher) { publisher_ = publisher; }

  // Rebuilds state from journalled entries (no events are published, nothing is re-journalled).
  void restore(const std::vector<JournalEntry>& entries);

  // Moves replay time to `t` and settles what expired on the way: VIX options and VX futures
  // expiring on or before t.date when the open (t.date, open_minutes) is crossed, SPXW when the
  // close is crossed. Throws std::invalid_argument if `t` is before the current time.
  ClockOutcome set_clock(ExchangeTime t);
  const std::optional<ExchangeTime>& clock() const { return clock_; }

  // --- BackendHandler
  zmq::CommandVerdict on_submit_combo(const ClientOrderId& id, const ComboOrder& order) override;
  zmq::CommandVerdict on_submit_order(const ClientOrderId& id, const SingleOrder& order) override;
  zmq::CommandVerdict on_cancel(const ClientOrderId& id) override;
  zmq::BackendSnapshot on_snapshot() override;

  const backtest::Ledger& ledger() const { return ledger_; }
  std::vector<Position> positions() const;  // net per instrument, by symbol
  const std::map<ClientOrderId, OrderEntry>& orders() const { return orders_; }
  // Modelling labels counted like the replay engine's diagnostics.
  const std::map<std::string, int>& diagnostics() const { return diagnostics_; }

 private:
  zmq::CommandVerdict replay_duplicate(const OrderEntry& prior);
  zmq::CommandVerdict execute(const ClientOrderId& id, const std::vector<venue::LegOrder>& legs, int quantity,
                              double limit, PriceEffect effect, const std::string& tag, bool combo,
                              OrderEntry record);
  zmq::CommandVerdict refuse(OrderEntry record, std::string reason);
  void count_forward(const venue::ModelQuote& q);
  void book(const FillEntry& e);
  void book(const SettlementEntry& e);
  void update_position(const Instrument& inst, int qty, double price, const std::string& tag);
  int settle_expiring(ExchangeTime at, bool vix_family);
  void record(const JournalEntry& e);
  void publish(const OrderEvent& e);

  const PaperMarket* market_;
  PaperBrokerSettings settings_;
  std::function<void(const JournalEntry&)> journal_;
  EventPublisher* publisher_ = nullptr;
  std::optional<ExchangeTime> clock_;
  backtest::Ledger ledger_;
  std::map<std::string, Position> positions_;  // by symbol, as the replay engine keeps them
  std::map<ClientOrderId, OrderEntry> orders_;
  std::map<std::string, int> diagnostics_;
};

}  // namespace alvh::broker
