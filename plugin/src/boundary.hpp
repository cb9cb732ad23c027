#pragma once
// The exception barrier every exported callback goes through: whatever the strategy, the config
// loader or QuantLib throws becomes a status code and a message, never an unwinding C frame.
#include <exception>
#include <new>

#include "alvh/plugin.h"
#include "alvh/plugin_abi/abi_error.hpp"

namespace alvh::plugin {

template <class F>
std::int32_t guarded(alvh_error* err, F&& f) noexcept {
  try {
    f();
    plugin_abi::set_error(err, ALVH_OK, "");
    return ALVH_OK;
  } catch (const plugin_abi::AbiError& e) {
    plugin_abi::set_error(err, e.status(), e.what());
    return e.status();
  } catch (const std::bad_alloc&) {
    plugin_abi::set_error(err, ALVH_ERR_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    plugin_abi::set_error(err, ALVH_ERR_INTERNAL, e.what());
  } catch (...) {
    plugin_abi::set_error(err, ALVH_ERR_INTERNAL, "unknown exception inside the plugin");
  }
  return ALVH_ERR_INTERNAL;
}

}  // namespace alvh::plugin
