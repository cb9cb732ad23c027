#pragma once
// The in-process link of the backtest to the simulated venue: one venue account per replay session,
// every order executed by it at once (filled whole, or cancelled when limits are enforced and the
// model fill misses), its settlements reported as the clock moves. alvh-paper-broker serves the same
// venue over ZeroMQ, so a paper session books what this books.
#include "alvh/backtest/order_executor.hpp"
#include "alvh/venue/simulated_venue.hpp"

namespace alvh::backtest {

class ModelExecutor final : public OrderExecutor {
 public:
  ModelExecutor(const venue::SimulatedMarket& market, venue::VenueSettings settings) : venue_(market, settings) {}
  std::vector<Settlement> advance(ExchangeTime now) override;
  Execution execute(const ExecutorOrder& order) override;
  const venue::SimulatedVenue& venue() const { return venue_; }

 private:
  venue::SimulatedVenue venue_;
};

// The core Settlement events of a venue's settlements (one per settled instrument).
std::vector<Settlement> settlement_events(const std::vector<venue::VenueSettlement>& settled);
// The engine's execution of a venue's answer.
Execution execution_of(venue::VenueExecution venue);

}  // namespace alvh::backtest
