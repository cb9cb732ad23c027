// The exported entry point and the callback table. Each callback validates its arguments, converts
// the C structs to core types and forwards to the PluginInstance inside the exception barrier.
#include "alvh/config/alvh_config.hpp"
#include "alvh/plugin.h"
#include "alvh/plugin_abi/abi_error.hpp"
#include "alvh/plugin_abi/from_c.hpp"
#include "boundary.hpp"
#include "plugin_instance.hpp"

#ifndef ALVH_PLUGIN_BUILD_ID
#define ALVH_PLUGIN_BUILD_ID "alvh (unknown build)"
#endif

// Built in place: the strategy keeps a pointer to the instance's context, so it never moves.
struct alvh_instance {
  alvh_instance(const alvh_host_api& host, const alvh_create_params& params) : impl(host, params) {}
  alvh::plugin::PluginInstance impl;
};

namespace alvh::plugin {
namespace {

using plugin_abi::AbiError;
using plugin_abi::from_c;

alvh::plugin::PluginInstance& self(alvh_instance* i) {
  if (!i) throw AbiError(ALVH_ERR_ARGUMENT, "instance is null");
  return i->impl;
}

std::int32_t create(const alvh_host_api* host, const alvh_create_params* params, alvh_instance** out, alvh_error* err) {
  return guarded(err, [&] {
    if (!out) throw AbiError(ALVH_ERR_ARGUMENT, "out is null");
    *out = nullptr;
    validate_host_api(host);
    const auto& p = plugin_abi::checked(params, "create params");
    *out = new alvh_instance(*host, p);
  });
}

void destroy(alvh_instance* i) noexcept {
  try {
    delete i;
  } catch (...) {
    // A destructor that throws has nowhere to report to; the instance is gone either way.
  }
}

std::int32_t start(alvh_instance* i, alvh_error* err) { return guarded(err, [&] { self(i).start(); }); }
std::int32_t stop(alvh_instance* i, alvh_error* err) { return guarded(err, [&] { self(i).stop(); }); }
std::int32_t save_state(alvh_instance* i, alvh_error* err) { return guarded(err, [&] { self(i).save_state(); }); }
std::int32_t load_state(alvh_instance* i, alvh_error* err) { return guarded(err, [&] { self(i).load_state(); }); }

std::int32_t on_daily_bar(alvh_instance* i, const alvh_daily_bar* b, alvh_error* err) {
  return guarded(err, [&] { self(i).on_daily_bar(from_c(b)); });
}
std::int32_t on_index_values(alvh_instance* i, const alvh_index_values* v, alvh_error* err) {
  return guarded(err, [&] { self(i).on_index_values(from_c(v)); });
}
std::int32_t on_signals(alvh_instance* i, const alvh_signal_snapshot* s, alvh_error* err) {
  return guarded(err, [&] { self(i).on_signals(from_c(s)); });
}
std::int32_t on_chain(alvh_instance* i, const alvh_chain_snapshot* c, alvh_error* err) {
  return guarded(err, [&] {
    auto& instance = self(i);
    from_c(c, instance.chain_buffer());
    instance.on_chain(instance.chain_buffer());
  });
}
std::int32_t on_quotes(alvh_instance* i, const alvh_quote_snapshot* q, alvh_error* err) {
  return guarded(err, [&] { self(i).on_quotes(from_c(q)); });
}
std::int32_t on_order_event(alvh_instance* i, const alvh_order_event* e, alvh_error* err) {
  return guarded(err, [&] { self(i).on_order_event(from_c(e)); });
}
std::int32_t on_fill(alvh_instance* i, const alvh_fill* f, alvh_error* err) {
  return guarded(err, [&] { self(i).on_fill(from_c(f)); });
}
std::int32_t on_settlement(alvh_instance* i, const alvh_settlement* s, alvh_error* err) {
  return guarded(err, [&] { self(i).on_settlement(from_c(s)); });
}
std::int32_t on_timer(alvh_instance* i, const alvh_timer_event* t, alvh_error* err) {
  return guarded(err, [&] { self(i).on_timer(from_c(t)); });
}

const char* const kStrategyNames[] = {kStrategyName};

const alvh_plugin_api kApi = {
    sizeof(alvh_plugin_api), create, destroy, start, stop, on_daily_bar, on_index_values, on_signals, on_chain,
    on_quotes, on_order_event, on_fill, on_settlement, on_timer, save_state, load_state};

const alvh_plugin_descriptor kDescriptor = {
    sizeof(alvh_plugin_descriptor),
    {sizeof(alvh_manifest), ALVH_PLUGIN_ABI_VERSION, ALVH_PLUGIN_BUILD_ID, kStrategyNames, 1,
     static_cast<std::uint32_t>(config::kSchemaVersion)},
    &kApi};

}  // namespace
}  // namespace alvh::plugin

extern "C" ALVH_PLUGIN_EXPORT const alvh_plugin_descriptor* alvh_plugin_entry(uint32_t /*host_abi_version*/) {
  return &alvh::plugin::kDescriptor;
}
