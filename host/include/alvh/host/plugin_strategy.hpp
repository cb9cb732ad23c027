#pragma once
// A plug-in instance seen as a core Strategy, so every C++ host (the replay/paper engine, tests)
// can drive a plug-in exactly like the statically linked strategy. init() creates the instance
// with the context's host table; each event is converted to its C struct and delivered. A failure
// status from the plug-in throws PluginCallError: the host stops rather than trade on a strategy
// in an unknown state (fail closed).
#include <memory>
#include <string>

#include "alvh/core/strategy.hpp"
#include "alvh/host/host_table.hpp"
#include "alvh/host/plugin_library.hpp"

namespace alvh::plugin_abi {
struct CChainSnapshot;
}

namespace alvh::host {

struct PluginStrategyOptions {
  std::string strategy;       // one of the manifest's strategy names
  std::string config_yaml;    // the whole YAML document
  std::string config_origin;  // names the document in config errors
  bool load_state = false;    // call load_state before start (restart after a stop)
  bool save_state = true;     // call save_state after stop
};

class PluginStrategy final : public Strategy {
 public:
  // The library must outlive the strategy.
  PluginStrategy(const PluginLibrary& library, PluginStrategyOptions options);
  ~PluginStrategy() override;

  std::string_view name() const override { return options_.strategy; }
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
  // Has the plug-in write its state now (save_state -> host state_put), e.g. at a day checkpoint.
  void checkpoint();

 private:
  template <class F>
  void call(const char* callback, F&& f);

  const PluginLibrary* library_;
  PluginStrategyOptions options_;
  std::unique_ptr<HostTable> table_;
  alvh_instance* instance_ = nullptr;
  std::unique_ptr<plugin_abi::CChainSnapshot> chain_view_;  // refilled per chain: no allocation per event
};

}  // namespace alvh::host
