#pragma once
// One account at the simulated venue: the orders it executes, the positions it holds and the cash
// settlements it books, driven by a replay clock. An order is priced at the chain model's mid of
// each leg at the current replay time and filled whole by the fill model (mid -/+ slippage, fees),
// or cancelled when `enforce_limits` is on and the fill misses the limit. Expiries settle in cash
// when the clock passes their settlement time (VIX family: the expiry morning's open, SOQ stand-in;
// SPXW: the expiry day's close), each at its own day's value, however far the clock jumps.
// The backtest drives it in-process (backtest::ModelExecutor); alvh-paper-broker serves it over
// ZeroMQ. Contract terms come from the market's instrument definitions, never from the order.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/clock.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/venue/simulated_market.hpp"

namespace alvh::venue {

struct VenueSettings {
  int open_minutes = hhmm(9, 30);  // VIX-family settlement time on the expiry morning
  // Off by default: strategies price at the mid and the slippage stands for working the order
  // down from it (docs/model.md); on, an order whose model fill misses its limit is cancelled.
  bool enforce_limits = false;
  // Caps in contracts, counted in 64 bits (ratio x quantity cannot wrap): per leg of one order, and
  // the net position per instrument after a fill.
  std::int64_t max_order_contracts = 5000;
  std::int64_t max_position_contracts = 20000;
  // The clock refuses a time after this day (the end of the replayed range), when set.
  std::optional<Date> last_day;
};

struct VenueExecution {
  OrderState state = OrderState::Rejected;  // Filled, Cancelled (limit not reached) or Rejected
  std::string reason;                       // Rejected / Cancelled
  ComboFill booked;                         // Filled: legs, prices, fees and cash as the venue booked them
  Fill fill;                                // Filled: the execution report
};

struct VenueSettlement {
  ExchangeTime at;        // the settlement time it was booked at (open or close of the expiry day)
  SettlementFill fill;    // instrument, quantity held, settlement value, cash
  SettlementSource source = SettlementSource::spx_close;
};

class SimulatedVenue {
 public:
  explicit SimulatedVenue(const SimulatedMarket& market, VenueSettings settings = {});

  // Moves the clock to `t` and settles every held expiry whose settlement time is <= t. Throws
  // std::invalid_argument when `t` is before the current time or after `last_day`.
  std::vector<VenueSettlement> advance(ExchangeTime t);
  const std::optional<ExchangeTime>& clock() const { return clock_; }

  // Executes at the current clock (throws std::logic_error before the first advance()).
  VenueExecution execute(const ClientOrderId& id, const ComboOrder& order);
  VenueExecution execute(const ClientOrderId& id, const SingleOrder& order);

  // Rebuilding from a journal: the same bookings, without pricing or settling again.
  void restore_clock(ExchangeTime t) { clock_ = t; }
  void restore_fill(const ComboFill& fill);
  void restore_settlement(const SettlementFill& fill);

  std::vector<Position> positions() const;  // net per instrument, by symbol
  double cash() const { return cash_; }     // $ flows since the start (fills and settlements)
  // Modelling labels ("fills priced on a VX forward that is extrapolated", ...) with counts.
  const std::map<std::string, int>& diagnostics() const { return diagnostics_; }
  const SimulatedMarket& market() const { return *market_; }

 private:
  struct Leg {
    Instrument instrument;
    std::int64_t contracts;  // signed, per combo unit
  };
  VenueExecution run(const ClientOrderId& id, const std::vector<Leg>& legs, std::int64_t quantity, double limit,
                     PriceEffect effect);
  std::optional<std::string> check(const std::vector<Leg>& legs, std::int64_t quantity, double limit) const;
  void book(const Instrument& instrument, int quantity, double price);

  const SimulatedMarket* market_;
  VenueSettings settings_;
  std::optional<ExchangeTime> clock_;
  std::map<std::string, Position> positions_;  // by symbol
  double cash_ = 0;
  std::map<std::string, int> diagnostics_;
};

}  // namespace alvh::venue
