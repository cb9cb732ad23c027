#pragma once
// AlvhPortfolio: the condor and the VIX ladder under one signal-independent risk gate. It is itself
// a Strategy, so hosts drive it like any other. Children see a gated context: every order passes
// RiskGate first; a refused order still gets an id and arrives back as OrderEvent{Rejected, reason}
// after the child's callback returns (no re-entrancy), and the refusal is logged as a decision.
#include <deque>
#include <memory>
#include <string>

#include "alvh/core/strategy.hpp"
#include "alvh/strategies/iron_condor_strategy.hpp"
#include "alvh/strategies/risk_gate.hpp"
#include "alvh/strategies/vix_ladder_strategy.hpp"

namespace alvh::strategies {

class AlvhPortfolio final : public Strategy {
 public:
  AlvhPortfolio(IronCondorConfig condor, VixLadderConfig ladder, RiskGateConfig risk);
  ~AlvhPortfolio() override;

  std::string_view name() const override { return "alvh_portfolio"; }
  void init(StrategyContext& ctx) override;
  void on_start() override;
  void on_stop() override;
  void on_daily_bar(const DailyBar& b) override;
  void on_index_values(const IndexValues& v) override;
  void on_quotes(const QuoteSnapshot& q) override;
  void on_option_chain(const OptionChainSnapshot& c) override;
  void on_signals(const SignalSnapshot& s) override;
  void on_order_event(const OrderEvent& e) override;
  void on_fill(const Fill& f) override;
  void on_settlement(const Settlement& s) override;
  void on_timer(const TimerEvent& t) override;
  std::string save_state() const override;
  bool load_state(std::string_view blob) override;

  // Kill switch: cancel every working order, optionally flatten, then HALTED until reset_trading().
  void kill_switch(bool flatten, std::string reason);
  void reset_trading(std::string reason);

  const RiskGate& gate() const { return gate_; }
  const IronCondorStrategy& condor() const { return condor_; }
  const VixLadderStrategy& ladder() const { return ladder_; }

 private:
  class GatedContext;
  template <class F>
  void dispatch(F&& f);

  StrategyContext* host_ = nullptr;
  IronCondorStrategy condor_;
  VixLadderStrategy ladder_;
  RiskGate gate_;
  std::unique_ptr<GatedContext> gated_;
};

}  // namespace alvh::strategies
