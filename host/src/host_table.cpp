#include "alvh/host/host_table.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "alvh/plugin_abi/from_c.hpp"
#include "alvh/plugin_abi/to_c.hpp"

namespace alvh::host {

namespace abi = alvh::plugin_abi;

// The C functions of the table; `host` is the HostTable.
struct HostFunctions {
  static HostTable& self(void* host) { return *static_cast<HostTable*>(host); }

  // Runs f; an exception becomes `fallback` and is remembered.
  template <class R, class F>
  static R guard(void* host, R fallback, F&& f) noexcept {
    try {
      return f(self(host));
    } catch (const std::exception& e) {
      self(host).last_error_ = e.what();
    } catch (...) {
      self(host).last_error_ = "unknown exception in the host";
    }
    return fallback;
  }

  static std::int32_t write_id(const ClientOrderId& id, char* out, std::size_t cap) {
    if (!out || id.size() + 1 > cap) return ALVH_ERR_ARGUMENT;
    std::memcpy(out, id.c_str(), id.size() + 1);
    return ALVH_OK;
  }

  static std::int64_t now_utc(void* h) {
    return guard<std::int64_t>(h, 0, [](HostTable& t) { return abi::to_c_time(t.ctx_.clock().now_utc()); });
  }
  static alvh_exchange_time now_local(void* h) {
    return guard<alvh_exchange_time>(h, {}, [](HostTable& t) { return abi::to_c(t.ctx_.clock().now_local()); });
  }
  static std::int32_t is_trading_day(void* h, std::int32_t d) {
    return guard<std::int32_t>(h, 0, [d](HostTable& t) {
      return t.ctx_.calendar().is_trading_day(abi::from_c_date(d, "is_trading_day")) ? 1 : 0;
    });
  }
  static std::int32_t close_minutes(void* h, std::int32_t d) {
    return guard<std::int32_t>(h, 16 * 60, [d](HostTable& t) {
      return t.ctx_.calendar().close_minutes(abi::from_c_date(d, "close_minutes"));
    });
  }
  static std::int32_t submit_combo(void* h, const alvh_combo_order* o, char* id, std::size_t cap) {
    return guard<std::int32_t>(h, ALVH_ERR_HOST,
                               [&](HostTable& t) { return write_id(t.ctx_.submit_combo(abi::from_c(o)), id, cap); });
  }
  static std::int32_t submit_order(void* h, const alvh_single_order* o, char* id, std::size_t cap) {
    return guard<std::int32_t>(h, ALVH_ERR_HOST,
                               [&](HostTable& t) { return write_id(t.ctx_.submit_order(abi::from_c(o)), id, cap); });
  }
  static std::int32_t cancel(void* h, const char* id) {
    return guard<std::int32_t>(h, ALVH_ERR_HOST, [&](HostTable& t) {
      t.ctx_.cancel(abi::required_string(id, "cancel id"));
      return std::int32_t{ALVH_OK};
    });
  }
  static std::uint32_t positions(void* h, alvh_position* out, std::uint32_t cap) {
    return guard<std::uint32_t>(h, 0, [&](HostTable& t) {
      t.positions_ = t.ctx_.positions();
      const auto n = static_cast<std::uint32_t>(t.positions_.size());
      for (std::uint32_t i = 0; out && i < std::min(n, cap); ++i) out[i] = abi::to_c(t.positions_[i]);
      return n;
    });
  }
  static std::int32_t account(void* h, alvh_account* out) {
    return guard<std::int32_t>(h, ALVH_ERR_HOST, [&](HostTable& t) {
      if (!out) return std::int32_t{ALVH_ERR_ARGUMENT};
      *out = abi::to_c(t.ctx_.account());
      return std::int32_t{ALVH_OK};
    });
  }
  static std::int32_t portfolio_greeks(void* h, alvh_portfolio_greeks* out) {
    return guard<std::int32_t>(h, ALVH_ERR_HOST, [&](HostTable& t) {
      if (!out) return std::int32_t{ALVH_ERR_ARGUMENT};
      *out = abi::to_c(t.ctx_.portfolio_greeks());
      return std::int32_t{ALVH_OK};
    });
  }
  static double risk_free_rate(void* h) {
    return guard<double>(h, 0.0, [](HostTable& t) { return t.ctx_.risk_free_rate(); });
  }
  static std::uint64_t schedule_timer(void* h, alvh_exchange_time when, const char* name) {
    return guard<std::uint64_t>(h, 0, [&](HostTable& t) {
      return t.ctx_.schedule(abi::from_c(when, "schedule_timer"), abi::optional_string(name));
    });
  }
  static void cancel_timer(void* h, std::uint64_t id) {
    guard<int>(h, 0, [id](HostTable& t) {
      t.ctx_.cancel_timer(id);
      return 0;
    });
  }
  static void request_chain(void* h, const char* root, const std::int32_t* expiries, std::uint32_t count) {
    guard<int>(h, 0, [&](HostTable& t) {
      ChainRequest r{abi::required_string(root, "request_chain root"), {}};
      if (count && !expiries) abi::throw_null("request_chain expiries");
      for (std::uint32_t i = 0; i < count; ++i) r.expiries.push_back(abi::from_c_date(expiries[i], "request_chain expiry"));
      t.ctx_.request_chain(r);
      return 0;
    });
  }
  static void log(void* h, std::int32_t level, const char* source, const char* message) {
    guard<int>(h, 0, [&](HostTable& t) {
      const auto l = static_cast<LogLevel>(std::clamp<std::int32_t>(level, ALVH_LOG_DEBUG, ALVH_LOG_ERROR));
      t.ctx_.log(l, abi::optional_string(source), abi::optional_string(message));
      return 0;
    });
  }
  static std::int32_t state_put(void* h, const char* key, const char* blob, std::size_t len) {
    return guard<std::int32_t>(h, ALVH_ERR_HOST, [&](HostTable& t) {
      if (len && !blob) abi::throw_null("state_put blob");
      t.ctx_.persist(abi::required_string(key, "state_put key"), std::string_view(blob ? blob : "", len));
      return std::int32_t{ALVH_OK};
    });
  }
  static std::int64_t state_get(void* h, const char* key, char* buf, std::size_t cap) {
    return guard<std::int64_t>(h, -1, [&](HostTable& t) -> std::int64_t {
      const auto blob = t.ctx_.restore(abi::required_string(key, "state_get key"));
      if (!blob) return -1;
      if (buf) std::memcpy(buf, blob->data(), std::min(cap, blob->size()));
      return static_cast<std::int64_t>(blob->size());
    });
  }
};

HostTable::HostTable(StrategyContext& ctx) : ctx_(ctx) {
  api_.struct_size = sizeof api_;
  api_.abi_version = ALVH_PLUGIN_ABI_VERSION;
  api_.host = this;
  api_.now_utc = HostFunctions::now_utc;
  api_.now_local = HostFunctions::now_local;
  api_.is_trading_day = HostFunctions::is_trading_day;
  api_.close_minutes = HostFunctions::close_minutes;
  api_.submit_combo = HostFunctions::submit_combo;
  api_.submit_order = HostFunctions::submit_order;
  api_.cancel = HostFunctions::cancel;
  api_.positions = HostFunctions::positions;
  api_.account = HostFunctions::account;
  api_.portfolio_greeks = HostFunctions::portfolio_greeks;
  api_.risk_free_rate = HostFunctions::risk_free_rate;
  api_.schedule_timer = HostFunctions::schedule_timer;
  api_.cancel_timer = HostFunctions::cancel_timer;
  api_.request_chain = HostFunctions::request_chain;
  api_.log = HostFunctions::log;
  api_.state_put = HostFunctions::state_put;
  api_.state_get = HostFunctions::state_get;
}

std::string HostTable::take_error() { return std::exchange(last_error_, {}); }

}  // namespace alvh::host
