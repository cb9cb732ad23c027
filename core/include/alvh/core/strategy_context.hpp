#pragma once
// StrategyContext: the only way a strategy touches the world. A host (replay, paper, live, tests)
// implements this port; strategies never do I/O, threading or pricing-library calls themselves.
//
// Host contract (see docs/strategy-api.md):
//  * Calls are synchronous and must not re-enter the strategy: order events, fills and chain
//    snapshots produced by a context call are queued and delivered after the callback returns.
//  * submit_* always returns an id; a refused order is reported as OrderEvent{Rejected, reason}.
//  * Timers fire at or after their New York exchange time, in time order, one per callback.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/clock.hpp"
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/core/option_pricer.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"

namespace alvh {

using TimerId = std::uint64_t;

// Decision is the audit trail: every "why did the book change / not change" line.
enum class LogLevel { Debug, Info, Decision, Warning, Error };
std::string_view to_string(LogLevel l);

// Which chain the strategy wants next; the host answers with on_option_chain.
struct ChainRequest {
  std::string root;           // "SPXW" or "VIX"
  std::vector<Date> expiries; // empty = all listed expiries the host has
};

class StrategyContext {
 public:
  virtual ~StrategyContext() = default;

  // Time and reference data.
  virtual const Clock& clock() const = 0;
  virtual const ExchangeCalendar& calendar() const = 0;
  virtual const OptionPricer& pricer() const = 0;
  virtual double risk_free_rate() const { return 0.0; }  // annual, continuous; for Black-76/BSM

  // Orders. Ids are assigned by the host and unique for the session.
  virtual ClientOrderId submit_combo(const ComboOrder& order) = 0;
  virtual ClientOrderId submit_order(const SingleOrder& order) = 0;
  virtual void cancel(const ClientOrderId& id) = 0;
  virtual std::vector<Order> open_orders() const = 0;  // not yet terminal

  // Portfolio.
  virtual std::vector<Position> positions() const = 0;
  virtual PortfolioGreeks portfolio_greeks() const = 0;
  virtual AccountSummary account() const = 0;

  // Data requests and timers.
  virtual void request_chain(const ChainRequest& request) = 0;
  virtual TimerId schedule(ExchangeTime when, std::string name) = 0;
  virtual void cancel_timer(TimerId id) = 0;

  // Logging and persistence (opaque text blobs keyed by name, e.g. the strategy's save_state()).
  virtual void log(LogLevel level, std::string_view source, std::string_view message) = 0;
  // Whether anything reads messages of `level`. When nothing does, a strategy may pass an empty
  // message instead of formatting one (it still calls log(), so counts of decisions stay).
  virtual bool log_enabled(LogLevel level) const {
    (void)level;
    return true;
  }
  virtual void persist(std::string_view key, std::string_view blob) = 0;
  virtual std::optional<std::string> restore(std::string_view key) const = 0;
};

}  // namespace alvh
