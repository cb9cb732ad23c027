#include "host_context.hpp"

#include <cstring>
#include <string>

#include "alvh/plugin_abi/abi_error.hpp"
#include "alvh/plugin_abi/from_c.hpp"
#include "alvh/plugin_abi/to_c.hpp"

namespace alvh::plugin {

using plugin_abi::AbiError;

namespace {

constexpr std::size_t kIdCap = 256;

void check(std::int32_t status, const char* function) {
  if (status != ALVH_OK)
    throw AbiError(ALVH_ERR_HOST, std::string("host ") + function + " failed with " + plugin_abi::status_name(status) +
                                      " (" + std::to_string(status) + ")");
}

ClientOrderId id_from(const char (&buf)[kIdCap], const char* function) {
  const std::string id(buf, strnlen(buf, kIdCap));
  if (id.empty() || id.size() == kIdCap) throw AbiError(ALVH_ERR_HOST, std::string("host ") + function + " returned no order id");
  return id;
}

}  // namespace

void validate_host_api(const alvh_host_api* api) {
  if (!api) throw AbiError(ALVH_ERR_ARGUMENT, "host table is null");
  if (api->struct_size < sizeof(alvh_host_api))
    throw AbiError(ALVH_ERR_ABI, "host table struct_size " + std::to_string(api->struct_size) + " is smaller than " +
                                     std::to_string(sizeof(alvh_host_api)));
  if (api->abi_version != ALVH_PLUGIN_ABI_VERSION)
    throw AbiError(ALVH_ERR_ABI, "host ABI version " + std::to_string(api->abi_version) + ", plugin ABI version " +
                                     std::to_string(ALVH_PLUGIN_ABI_VERSION));
  const std::pair<const char*, bool> slots[] = {
      {"now_utc", api->now_utc != nullptr},           {"now_local", api->now_local != nullptr},
      {"is_trading_day", api->is_trading_day != nullptr}, {"close_minutes", api->close_minutes != nullptr},
      {"submit_combo", api->submit_combo != nullptr}, {"submit_order", api->submit_order != nullptr},
      {"cancel", api->cancel != nullptr},             {"positions", api->positions != nullptr},
      {"account", api->account != nullptr},           {"portfolio_greeks", api->portfolio_greeks != nullptr},
      {"risk_free_rate", api->risk_free_rate != nullptr}, {"schedule_timer", api->schedule_timer != nullptr},
      {"cancel_timer", api->cancel_timer != nullptr}, {"request_chain", api->request_chain != nullptr},
      {"log", api->log != nullptr},                   {"state_put", api->state_put != nullptr},
      {"state_get", api->state_get != nullptr}};
  for (const auto& [name, set] : slots)
    if (!set) throw AbiError(ALVH_ERR_ARGUMENT, std::string("host table slot '") + name + "' is null");
}

HostContext::HostContext(const alvh_host_api& api) : api_(api), clock_(api), calendar_(api) {}

double HostContext::risk_free_rate() const { return api_.risk_free_rate(api_.host); }

ClientOrderId HostContext::submit_combo(const ComboOrder& order) {
  const plugin_abi::CComboOrder c(order);
  char buf[kIdCap] = {};
  check(api_.submit_combo(api_.host, &c.order, buf, kIdCap), "submit_combo");
  ClientOrderId id = id_from(buf, "submit_combo");
  working_.submitted(id, order);
  return id;
}

ClientOrderId HostContext::submit_order(const SingleOrder& order) {
  const alvh_single_order c = plugin_abi::to_c(order);
  char buf[kIdCap] = {};
  check(api_.submit_order(api_.host, &c, buf, kIdCap), "submit_order");
  ClientOrderId id = id_from(buf, "submit_order");
  working_.submitted(id, order);
  return id;
}

void HostContext::cancel(const ClientOrderId& id) { check(api_.cancel(api_.host, id.c_str()), "cancel"); }

std::vector<Position> HostContext::positions() const {
  // Size first, then fetch; a book that grew in between is fetched again.
  std::vector<alvh_position> buf;
  std::uint32_t n = api_.positions(api_.host, nullptr, 0);
  for (int attempt = 0; attempt < 3; ++attempt) {
    buf.assign(n, alvh_position{});
    const std::uint32_t got = api_.positions(api_.host, buf.data(), n);
    if (got <= n) {
      buf.resize(got);
      break;
    }
    n = got;
  }
  std::vector<Position> out;
  out.reserve(buf.size());
  for (const auto& p : buf) out.push_back(plugin_abi::from_c(p));
  return out;
}

PortfolioGreeks HostContext::portfolio_greeks() const {
  alvh_portfolio_greeks g{};
  g.struct_size = sizeof g;
  check(api_.portfolio_greeks(api_.host, &g), "portfolio_greeks");
  return plugin_abi::from_c(g);
}

AccountSummary HostContext::account() const {
  alvh_account a{};
  a.struct_size = sizeof a;
  check(api_.account(api_.host, &a), "account");
  return plugin_abi::from_c(a);
}

void HostContext::request_chain(const ChainRequest& request) {
  std::vector<std::int32_t> expiries;
  expiries.reserve(request.expiries.size());
  for (const Date d : request.expiries) expiries.push_back(plugin_abi::to_c_date(d));
  api_.request_chain(api_.host, request.root.c_str(), expiries.data(), static_cast<std::uint32_t>(expiries.size()));
}

TimerId HostContext::schedule(ExchangeTime when, std::string name) {
  return api_.schedule_timer(api_.host, plugin_abi::to_c(when), name.c_str());
}

void HostContext::cancel_timer(TimerId id) { api_.cancel_timer(api_.host, id); }

void HostContext::log(LogLevel level, std::string_view source, std::string_view message) {
  const std::string s(source), m(message);
  api_.log(api_.host, static_cast<std::int32_t>(level), s.c_str(), m.c_str());
}

void HostContext::persist(std::string_view key, std::string_view blob) {
  const std::string k(key);
  check(api_.state_put(api_.host, k.c_str(), blob.data(), blob.size()), "state_put");
}

std::optional<std::string> HostContext::restore(std::string_view key) const {
  const std::string k(key);
  std::int64_t n = api_.state_get(api_.host, k.c_str(), nullptr, 0);
  if (n < 0) return std::nullopt;
  std::string blob(static_cast<std::size_t>(n), '\0');
  const std::int64_t again = api_.state_get(api_.host, k.c_str(), blob.data(), blob.size());
  if (again != n) throw AbiError(ALVH_ERR_HOST, "host state_get changed the size of '" + k + "' between calls");
  return blob;
}

}  // namespace alvh::plugin

static_assert(static_cast<int>(alvh::LogLevel::Debug) == ALVH_LOG_DEBUG);
static_assert(static_cast<int>(alvh::LogLevel::Decision) == ALVH_LOG_DECISION);
static_assert(static_cast<int>(alvh::LogLevel::Error) == ALVH_LOG_ERROR);
