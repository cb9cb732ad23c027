#pragma once
// Signal-independent pre-trade risk gate (docs/references.md §R10). Every order from every strategy passes
// check_*() before it reaches the host. States: ACTIVE (all orders), REDUCING (only orders that
// reduce existing positions), HALTED (nothing but cancels). A breach of the daily loss limit moves
// to REDUCING for the rest of that session only: begin_session() of a later date returns to ACTIVE.
// Rules and the kill switch move to REDUCING/HALTED until reset().
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/core/rule.hpp"
#include "alvh/core/strategy_context.hpp"
#include "alvh/strategies/quote_book.hpp"
#include "alvh/strategies/quote_check.hpp"
#include "alvh/strategies/risk_gate_config.hpp"

namespace alvh::strategies {

std::string_view trading_state_name(TradingState s);  // "ACTIVE", "REDUCING", "HALTED"

struct GateVerdict {
  bool accepted = true;
  std::string reason;  // why rejected; empty when accepted
};

class RiskGate {
 public:
  explicit RiskGate(RiskGateConfig config) : config_(std::move(config)) {}

  // Inputs the gate keeps: the latest quote per instrument, fills (hedge spend), account P&L.
  void observe(const OptionChainSnapshot& chain);
  void observe(const QuoteSnapshot& quotes);
  void on_fill(const Fill& fill, Timestamp now);
  // Moves to REDUCING (and returns true) when the day's loss exceeds the limit.
  bool check_daily_loss(const AccountSummary& account);
  // Call with each event's session date; on a new session a daily-loss REDUCING state is lifted.
  // Returns true when it was.
  bool begin_session(Date today);

  GateVerdict check_combo(const ComboOrder& order, const StrategyContext& ctx);
  GateVerdict check_single(const SingleOrder& order, const StrategyContext& ctx);

  TradingState state() const { return state_; }
  // Only moves towards more restriction; use reset() to go back to ACTIVE.
  void restrict_to(TradingState s, std::string reason);
  void reset(std::string reason);
  const std::string& state_reason() const { return state_reason_; }

  // Kill switch: cancel every open order, optionally send closing orders for every position
  // (at the latest bid/ask, one single-leg order per position), then HALTED.
  void kill(StrategyContext& ctx, bool flatten, std::string reason);

  double hedge_spend_last_12m(Timestamp now) const;

 private:
  GateVerdict check_common(const std::vector<ComboLeg>& legs, int quantity, const StrategyContext& ctx);
  std::optional<std::string> quote_problem_for(const Instrument& i, Timestamp now) const;
  int open_condors(const StrategyContext& ctx) const;

  RiskGateConfig config_;
  TradingState state_ = TradingState::Active;
  std::string state_reason_;
  Date session_{};
  bool daily_loss_state_ = false;  // the current state came from the daily loss limit
  QuoteBook quotes_;
  std::deque<Timestamp> submissions_;                 // for the rate limit
  std::vector<std::pair<Timestamp, double>> hedge_spend_;  // VIX-call premium bought, $
};

}  // namespace alvh::strategies
