#pragma once
// One strategy instance behind the C boundary: the validated config, the rule book built from it,
// the context over the host table and the AlvhPortfolio it drives. Enforces the lifecycle
// (create -> [load_state] -> start -> events -> stop) and evaluates the configured rules on each
// signal snapshot, as the backtest does, so both see the same fired rules.
#include <memory>
#include <optional>
#include <string>

#include "alvh/config/alvh_config.hpp"
#include "alvh/core/rule_book.hpp"
#include "alvh/plugin.h"
#include "alvh/strategies/alvh_portfolio.hpp"
#include "host_context.hpp"

namespace alvh::plugin {

inline constexpr const char* kStrategyName = "alvh_portfolio";

class PluginInstance {
 public:
  // Throws AbiError(ALVH_ERR_CONFIG) listing every config problem, or other AbiErrors for bad
  // arguments.
  PluginInstance(const alvh_host_api& host, const alvh_create_params& params);
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  void start();
  void stop();
  void save_state();
  void load_state();

  void on_daily_bar(const DailyBar& b);
  void on_index_values(const IndexValues& v);
  void on_signals(SignalSnapshot s);
  void on_chain(const OptionChainSnapshot& c);
  void on_quotes(const QuoteSnapshot& q);
  void on_order_event(const OrderEvent& e);
  void on_fill(const Fill& f);
  void on_settlement(const Settlement& s);
  void on_timer(const TimerEvent& t);
  // Where on_chain's argument is converted: reused, so a chain costs no allocation.
  OptionChainSnapshot& chain_buffer() { return chain_buffer_; }

 private:
  enum class Phase { Created, Started, Stopped };
  void require_started(const char* what) const;

  HostContext ctx_;  // first: its initialiser validates the host table and the strategy name
  config::AlvhConfig config_;
  RuleBook rules_;
  std::unique_ptr<strategies::AlvhPortfolio> strategy_;
  std::optional<SignalValues> previous_signals_;
  Phase phase_ = Phase::Created;
  OptionChainSnapshot chain_buffer_;
};

}  // namespace alvh::plugin
