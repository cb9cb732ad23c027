#pragma once
// The replay engine's execution port. The engine owns the day script (settlements, timers, chains,
// signals, marks, daily records) and prices every order at the model mid; the executor decides what
// becomes of the order: the backtest fills it in-process with the fill model (ModelExecutor), the
// paper host sends it to alvh-paper-broker and checks the broker's answer against the same model
// fill. The engine books and delivers whatever the executor returns, so both book the same trades.
// The hooks let an executor follow the replay: the clock it must announce, the events about to be
// delivered, the settlements the engine booked.
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
  // why the model cannot price the order ("invalid ..." when it is malformed on its face).
  std::vector<venue::LegOrder> legs;
  std::optional<std::string> problem;

  int quantity() const;
  double limit() const;
  PriceEffect effect() const;  // a single order's side as a price effect
  const std::string& tag() const;
  bool invalid() const;
};

enum class ExecutionState { Rejected, Cancelled, Filled };

struct Execution {
  ExecutionState state = ExecutionState::Rejected;
  std::string reason;  // Rejected / Cancelled: the reason the strategy is given
  venue::ComboFill booked;    // Filled: the legs, prices and fees the ledger books
  Fill fill;           // Filled: the fill the strategy is told of
};

class OrderExecutor {
 public:
  virtual ~OrderExecutor() = default;
  // The replay clock moved to `now`, before anything is priced or delivered at it.
  virtual void advance(ExchangeTime /*now*/) {}
  // An event is about to be delivered to the strategy.
  virtual void before_delivery() {}
  // What the engine settled at the current time (possibly nothing), before it is delivered.
  virtual void settled(const std::vector<Settlement>& /*settlements*/) {}
  // Before the order is priced: a reason to refuse it outright (a trading gate), or nothing.
  virtual std::optional<std::string> refuse(const ExecutorOrder& /*order*/) { return std::nullopt; }
  // Rejected with the reason for an order with a `problem` (the engine books no unpriced order).
  virtual Execution execute(const ExecutorOrder& order) = 0;
};

}  // namespace alvh::backtest
