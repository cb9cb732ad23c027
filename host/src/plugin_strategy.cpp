#include "alvh/host/plugin_strategy.hpp"

#include <cstring>

#include "alvh/host/crash_handler.hpp"
#include "alvh/host/plugin_error.hpp"
#include "alvh/plugin_abi/to_c.hpp"

namespace alvh::host {

namespace abi = alvh::plugin_abi;

PluginStrategy::PluginStrategy(const PluginLibrary& library, PluginStrategyOptions options)
    : library_(&library), options_(std::move(options)), chain_view_(std::make_unique<abi::CChainSnapshot>()) {
  if (!library_->provides(options_.strategy))
    throw PluginLoadError("plugin " + library_->file().string() + " provides no strategy '" + options_.strategy + "'");
}

PluginStrategy::~PluginStrategy() {
  const PluginCallScope scope("destroy");
  if (instance_) library_->api().destroy(instance_);
}

// A well-behaved plug-in never throws; a broken one might, and its exception must stop here.
template <class F>
void PluginStrategy::call(const char* callback, F&& f) {
  alvh_error err{};
  err.struct_size = sizeof err;
  std::int32_t status = ALVH_OK;
  try {
    const PluginCallScope scope(callback);  // named in the crash report if the plug-in dies here
    status = f(&err);
  } catch (...) {
    throw PluginCallError(ALVH_ERR_INTERNAL, callback, "an exception escaped the plugin (broken exception barrier)");
  }
  if (status != ALVH_OK) {
    std::string message(err.message, strnlen(err.message, sizeof err.message));
    if (table_ && !table_->last_error().empty()) message += " [host: " + table_->take_error() + "]";
    throw PluginCallError(status, callback, message);
  }
}

void PluginStrategy::init(StrategyContext& ctx) {
  table_ = std::make_unique<HostTable>(ctx);
  alvh_create_params params{};
  params.struct_size = sizeof params;
  params.strategy_name = options_.strategy.c_str();
  params.config_yaml = options_.config_yaml.c_str();
  params.config_origin = options_.config_origin.c_str();
  call("create", [&](alvh_error* err) { return library_->api().create(table_->api(), &params, &instance_, err); });
  if (!instance_) throw PluginCallError(ALVH_ERR_INTERNAL, "create", "returned ALVH_OK without an instance");
}

void PluginStrategy::on_start() {
  if (options_.load_state) call("load_state", [&](alvh_error* err) { return library_->api().load_state(instance_, err); });
  call("start", [&](alvh_error* err) { return library_->api().start(instance_, err); });
}

void PluginStrategy::on_stop() {
  call("stop", [&](alvh_error* err) { return library_->api().stop(instance_, err); });
  if (options_.save_state) call("save_state", [&](alvh_error* err) { return library_->api().save_state(instance_, err); });
}

void PluginStrategy::checkpoint() {
  call("save_state", [&](alvh_error* err) { return library_->api().save_state(instance_, err); });
}

void PluginStrategy::on_daily_bar(const DailyBar& b) {
  const auto c = abi::to_c(b);
  call("on_daily_bar", [&](alvh_error* err) { return library_->api().on_daily_bar(instance_, &c, err); });
}

void PluginStrategy::on_index_values(const IndexValues& v) {
  const auto c = abi::to_c(v);
  call("on_index_values", [&](alvh_error* err) { return library_->api().on_index_values(instance_, &c, err); });
}

void PluginStrategy::on_quotes(const QuoteSnapshot& q) {
  const abi::CQuoteSnapshot c(q);
  call("on_quotes", [&](alvh_error* err) { return library_->api().on_quotes(instance_, &c.snapshot, err); });
}

void PluginStrategy::on_option_chain(const OptionChainSnapshot& s) {
  chain_view_->assign(s);
  call("on_chain", [&](alvh_error* err) { return library_->api().on_chain(instance_, &chain_view_->chain, err); });
}

void PluginStrategy::on_signals(const SignalSnapshot& s) {
  const abi::CSignalSnapshot c(s);
  call("on_signals", [&](alvh_error* err) { return library_->api().on_signals(instance_, &c.snapshot, err); });
}

void PluginStrategy::on_order_event(const OrderEvent& e) {
  const auto c = abi::to_c(e);
  call("on_order_event", [&](alvh_error* err) { return library_->api().on_order_event(instance_, &c, err); });
}

void PluginStrategy::on_fill(const Fill& f) {
  const abi::CFill c(f);
  call("on_fill", [&](alvh_error* err) { return library_->api().on_fill(instance_, &c.fill, err); });
}

void PluginStrategy::on_settlement(const Settlement& s) {
  const auto c = abi::to_c(s);
  call("on_settlement", [&](alvh_error* err) { return library_->api().on_settlement(instance_, &c, err); });
}

void PluginStrategy::on_timer(const TimerEvent& t) {
  const auto c = abi::to_c(t);
  call("on_timer", [&](alvh_error* err) { return library_->api().on_timer(instance_, &c, err); });
}

}  // namespace alvh::host
