#pragma once
// Strategy: lifecycle and event callbacks. A strategy receives its typed, validated config in its
// constructor and the context in init(); every other callback defaults to "ignore", so a strategy
// overrides only what it uses.
//
// Lifecycle: construct(config) -> init(ctx) -> [load_state] -> on_start -> events... -> on_stop
//            -> save_state. Positions and orders may be read from the context only after on_start.
#include <string>
#include <string_view>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/strategy_context.hpp"

namespace alvh {

struct TimerEvent {
  TimerId id = 0;
  std::string name;
  ExchangeTime scheduled;
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  virtual std::string_view name() const = 0;

  // The context outlives the strategy's use of it (until on_stop returns).
  virtual void init(StrategyContext& ctx) = 0;
  virtual void on_start() {}
  virtual void on_stop() {}

  // Market data.
  virtual void on_daily_bar(const DailyBar&) {}
  virtual void on_index_values(const IndexValues&) {}
  virtual void on_quotes(const QuoteSnapshot&) {}
  virtual void on_option_chain(const OptionChainSnapshot&) {}  // one complete batch
  virtual void on_signals(const SignalSnapshot&) {}

  // Execution. Every state change arrives as on_order_event; fills additionally as on_fill
  // (after the matching PartiallyFilled/Filled event).
  virtual void on_order_event(const OrderEvent&) {}
  virtual void on_fill(const Fill&) {}
  virtual void on_settlement(const Settlement&) {}

  virtual void on_timer(const TimerEvent&) {}

  // Persistence of strategy variables (not parameters). load_state returns false when the blob
  // cannot be read; the host must then fail closed (not start the strategy).
  virtual std::string save_state() const { return {}; }
  virtual bool load_state(std::string_view) { return true; }
};

}  // namespace alvh
