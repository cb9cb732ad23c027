#include "plugin_instance.hpp"

#include "alvh/config/config_loader.hpp"
#include "alvh/config/rule_book_factory.hpp"
#include "alvh/plugin_abi/abi_error.hpp"

namespace alvh::plugin {

using plugin_abi::AbiError;

namespace {

constexpr const char* kStateKey = "alvh_portfolio";

config::AlvhConfig load(const alvh_create_params& params) {
  if (!params.config_yaml) throw AbiError(ALVH_ERR_ARGUMENT, "config_yaml is null");
  const std::string origin = params.config_origin && *params.config_origin ? params.config_origin : "<config>";
  auto result = config::load_config_from_string(params.config_yaml, origin);
  if (!result.ok()) throw AbiError(ALVH_ERR_CONFIG, result.format_errors());
  return std::move(*result.config);
}

const alvh_host_api& checked(const alvh_host_api& host, const alvh_create_params& params) {
  validate_host_api(&host);
  if (!params.strategy_name || std::string_view(params.strategy_name) != kStrategyName)
    throw AbiError(ALVH_ERR_ARGUMENT, std::string("unknown strategy '") + (params.strategy_name ? params.strategy_name : "(null)") +
                                          "'; this plugin provides '" + kStrategyName + "'");
  return host;
}

}  // namespace

PluginInstance::PluginInstance(const alvh_host_api& host, const alvh_create_params& params)
    : ctx_(checked(host, params)), config_(load(params)), rules_(config::build_rule_book(config_)) {
  strategies::VixLadderConfig ladder = config_.ladder;
  // A config for paper or live trading (execution.mode) trades whole contracts, whatever
  // ladder.fractional says; the ladder logs the realized hedge:condor vega ratio.
  if (config_.execution.mode != config::ExecutionMode::Backtest) ladder.fractional = false;
  strategy_ = std::make_unique<strategies::AlvhPortfolio>(config_.condor, ladder, config_.risk);
  strategy_->init(ctx_);
}

void PluginInstance::require_started(const char* what) const {
  if (phase_ != Phase::Started)
    throw AbiError(ALVH_ERR_STATE, std::string(what) + " before start or after stop");
}

void PluginInstance::start() {
  if (phase_ != Phase::Created) throw AbiError(ALVH_ERR_STATE, "start called twice or after stop");
  strategy_->on_start();
  phase_ = Phase::Started;
}

void PluginInstance::stop() {
  if (phase_ != Phase::Started) throw AbiError(ALVH_ERR_STATE, "stop before start");
  phase_ = Phase::Stopped;
  strategy_->on_stop();
}

void PluginInstance::save_state() { ctx_.persist(kStateKey, strategy_->save_state()); }

void PluginInstance::load_state() {
  if (phase_ != Phase::Created) throw AbiError(ALVH_ERR_STATE, "load_state after start");
  const auto blob = ctx_.restore(kStateKey);
  if (blob && !strategy_->load_state(*blob))
    throw AbiError(ALVH_ERR_STATE, "saved state under '" + std::string(kStateKey) + "' cannot be read; not starting (fail closed)");
}

void PluginInstance::on_daily_bar(const DailyBar& b) {
  require_started("on_daily_bar");
  strategy_->on_daily_bar(b);
}

void PluginInstance::on_index_values(const IndexValues& v) {
  require_started("on_index_values");
  strategy_->on_index_values(v);
}

void PluginInstance::on_signals(SignalSnapshot s) {
  require_started("on_signals");
  RuleBookResult result = rules_.evaluate(s.values, previous_signals_.value_or(SignalValues{}));
  for (const RuleError& e : result.errors) ctx_.log(LogLevel::Warning, "rules", e.rule + ": " + e.message);
  s.fired = std::move(result.fired);
  previous_signals_ = s.values;
  strategy_->on_signals(s);
}

void PluginInstance::on_chain(const OptionChainSnapshot& c) {
  require_started("on_chain");
  strategy_->on_option_chain(c);
}

void PluginInstance::on_quotes(const QuoteSnapshot& q) {
  require_started("on_quotes");
  strategy_->on_quotes(q);
}

void PluginInstance::on_order_event(const OrderEvent& e) {
  require_started("on_order_event");
  ctx_.order_event(e);
  strategy_->on_order_event(e);
}

void PluginInstance::on_fill(const Fill& f) {
  require_started("on_fill");
  strategy_->on_fill(f);
}

void PluginInstance::on_settlement(const Settlement& s) {
  require_started("on_settlement");
  strategy_->on_settlement(s);
}

void PluginInstance::on_timer(const TimerEvent& t) {
  require_started("on_timer");
  strategy_->on_timer(t);
}

}  // namespace alvh::plugin
