#pragma once
// The replay engine's execution port. The engine owns the day script (timers, chains, signals,
// marks, daily records) and prices every order at the model mid as a reference; the executor is the
// venue: what it reports is what happened, and the engine books exactly that. The backtest runs the
// simulated venue in-process (ModelExecutor); the paper host sends orders to an execution backend
// over ZeroMQ (alvh-paper-broker serving the same simulated venue, or any other backend) and reports
// the backend's acks, fills and settlements. The hooks let an executor follow the replay: the clock it
// must announce, the events about to be delivered, the settlements the engine booked.
#include <optional>
#include <string>
#include <vector>

#include "alvh/venue/fill_model.hpp"
#include "alvh/core/clock.hpp"
#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"

namespace alvh::backtest {

// One order on its way to the executor; exactly one of combo / single is set (borrowed for the call).
struct ExecutorOrder {
  ClientOrderId id;
  ExchangeTime time;
  Timestamp at{};  // `time` in UTC: the time of the events the order produces
  const ComboOrder* combo = nullptr;
  const SingleOrder* single = nullptr;
  // The engine's pricing step, done before execute(): the legs (signed ratios) at the model mid, or
  // why the model cannot price the order ("invalid ..." when it is malformed on its face). A
  // reference only: an executor may still report fills for an order the model cannot price.
  std::vector<venue::LegOrder> legs;
  std::optional<std::string> problem;

  int quantity() const;
  double limit() const;
  PriceEffect effect() const;  // a single order's side as a price effect
  const std::string& tag() const;
  bool invalid() const;
};

enum class ExecutionState { Rejected, Cancelled, Filled };

// One execution of the order, as the venue reported it.
struct ExecutedFill {
  venue::ComboFill booked;  // the legs, prices and fees the ledger books
  Fill fill;                // the fill the strategy is told of
};

// Where the order ended. Cancelled may follow partial fills (a working order timed out and was
// cancelled, or the venue cancelled the rest); Filled means every unit filled.
struct Execution {
  ExecutionState state = ExecutionState::Rejected;
  std::string reason;               // Rejected / Cancelled: the reason the strategy is given
  std::vector<ExecutedFill> fills;  // in the order the venue reported them
  int filled_quantity() const;
};

class OrderExecutor {
 public:
  virtual ~OrderExecutor() = default;
  // The replay clock moved to `now`, before anything is priced or delivered at it. Returns the cash
  // settlements the venue booked on the way (instrument, quantity it held, settlement price, cash).
  virtual std::vector<Settlement> advance(ExchangeTime now) = 0;
  // True when the venue reports settlements; false for a backend that never does (the engine then
  // settles expired legs at the model's reference value and says so in the diagnostics).
  virtual bool reports_settlements() const { return true; }
  // The settlement price the venue booked earlier for `instrument` on `day`, when the executor kept
  // it (a restarted paper host re-driving days the backend settled before the crash).
  virtual std::optional<double> recorded_settlement(const Instrument& /*instrument*/, Date /*day*/) { return std::nullopt; }
  // An event is about to be delivered to the strategy.
  virtual void before_delivery() {}
  // What the engine settled at the current time (possibly nothing), before it is delivered.
  virtual void settled(const std::vector<Settlement>& /*settlements*/) {}
  // Before the order is priced: a reason to refuse it outright (a trading gate), or nothing.
  virtual std::optional<std::string> refuse(const ExecutorOrder& /*order*/) { return std::nullopt; }
  // The venue's answer. The engine books every reported fill, priced by the model or not.
  virtual Execution execute(const ExecutorOrder& order) = 0;
};

}  // namespace alvh::backtest
