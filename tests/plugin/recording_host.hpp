#pragma once
// A host table for tests, written against the C ABI only: it records every order, timer, chain
// request, log line and state blob, and serves one replayed day of the bundled history (the
// backtest's option model) as the market. `submit_status` makes submit_* fail on demand.
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alvh/venue/fill_model.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/venue/simulated_market.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/plugin.h"
#include "alvh/plugin_abi/from_c.hpp"
#include "alvh/plugin_abi/to_c.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"

namespace alvh::test {

// The bundled history, loaded once per test process (it is read-only).
struct ReplayFixture {
  DailyPanel panel;
  QuantLibPricer pricer;
  NyseCalendar calendar;
  venue::SimulatedMarket venue{panel, pricer, calendar};
  backtest::ReplaySettings settings;
  backtest::ReplayMarket market = backtest::replay_market(venue);

  static ReplayFixture& get() {
    static ReplayFixture f;
    return f;
  }
  std::size_t row(Date d) const {
    for (std::size_t i = 0; i < panel.rows.size(); ++i)
      if (panel.rows[i].date == d) return i;
    throw std::out_of_range("no panel row for " + to_iso(d));
  }

 private:
  ReplayFixture() : panel(build_daily_panel(load_market_history(ALVH_TEST_DATA_DIR))) {}
};

struct RecordingHost {
  Date date{};
  int minutes = hhmm(9, 30);
  std::int32_t submit_status = ALVH_OK;
  std::vector<ComboOrder> combos;
  std::vector<SingleOrder> singles;
  std::vector<TimerEvent> timers;
  std::vector<ChainRequest> chain_requests;
  std::vector<std::string> logs;
  std::map<std::string, std::string> state;
  alvh_host_api api{};

  explicit RecordingHost(Date day) : date(day) {
    api.struct_size = sizeof api;
    api.abi_version = ALVH_PLUGIN_ABI_VERSION;
    api.host = this;
    api.now_utc = [](void* h) { return plugin_abi::to_c_time(venue::replay_timestamp(self(h).date, self(h).minutes)); };
    api.now_local = [](void* h) { return alvh_exchange_time{plugin_abi::to_c_date(self(h).date), self(h).minutes}; };
    api.is_trading_day = [](void*, std::int32_t d) {
      return ReplayFixture::get().calendar.is_trading_day(plugin_abi::from_c_date(d, "test")) ? 1 : 0;
    };
    api.close_minutes = [](void*, std::int32_t d) {
      return ReplayFixture::get().calendar.close_minutes(plugin_abi::from_c_date(d, "test"));
    };
    api.submit_combo = [](void* h, const alvh_combo_order* o, char* id, std::size_t cap) -> std::int32_t {
      auto& s = self(h);
      if (s.submit_status != ALVH_OK) return s.submit_status;
      s.combos.push_back(plugin_abi::from_c(o));
      std::snprintf(id, cap, "combo-%zu", s.combos.size());
      return ALVH_OK;
    };
    api.submit_order = [](void* h, const alvh_single_order* o, char* id, std::size_t cap) -> std::int32_t {
      auto& s = self(h);
      if (s.submit_status != ALVH_OK) return s.submit_status;
      s.singles.push_back(plugin_abi::from_c(o));
      std::snprintf(id, cap, "single-%zu", s.singles.size());
      return ALVH_OK;
    };
    api.cancel = [](void*, const char*) -> std::int32_t { return ALVH_OK; };
    api.positions = [](void*, alvh_position*, std::uint32_t) -> std::uint32_t { return 0; };
    api.account = [](void*, alvh_account* out) -> std::int32_t {
      *out = plugin_abi::to_c(AccountSummary{100000.0, 0, 0});
      return ALVH_OK;
    };
    api.portfolio_greeks = [](void*, alvh_portfolio_greeks* out) -> std::int32_t {
      *out = plugin_abi::to_c(PortfolioGreeks{});
      return ALVH_OK;
    };
    api.risk_free_rate = [](void*) { return 0.0; };
    api.schedule_timer = [](void* h, alvh_exchange_time when, const char* name) -> std::uint64_t {
      auto& s = self(h);
      s.timers.push_back({s.timers.size() + 1, name, plugin_abi::from_c(when, "test")});
      return s.timers.size();
    };
    api.cancel_timer = [](void*, std::uint64_t) {};
    api.request_chain = [](void* h, const char* root, const std::int32_t* e, std::uint32_t n) {
      ChainRequest r{root, {}};
      for (std::uint32_t i = 0; i < n; ++i) r.expiries.push_back(plugin_abi::from_c_date(e[i], "test"));
      self(h).chain_requests.push_back(r);
    };
    api.log = [](void* h, std::int32_t, const char* source, const char* message) {
      self(h).logs.push_back(std::string(source) + ": " + message);
    };
    api.state_put = [](void* h, const char* key, const char* blob, std::size_t len) -> std::int32_t {
      self(h).state[key] = std::string(blob, len);
      return ALVH_OK;
    };
    api.state_get = [](void* h, const char* key, char* buf, std::size_t cap) -> std::int64_t {
      auto& s = self(h);
      auto it = s.state.find(key);
      if (it == s.state.end()) return -1;
      if (buf) std::memcpy(buf, it->second.data(), std::min(cap, it->second.size()));
      return static_cast<std::int64_t>(it->second.size());
    };
  }
  RecordingHost(const RecordingHost&) = delete;
  RecordingHost& operator=(const RecordingHost&) = delete;

  static RecordingHost& self(void* h) { return *static_cast<RecordingHost*>(h); }

  // The chain the backtest would answer `request` with, at the current time.
  OptionChainSnapshot chain(backtest::ReplayDay& day, const ChainRequest& request) const {
    OptionChainSnapshot c;
    c.root = request.root;
    c.time = {date, minutes};
    c.observed = venue::replay_timestamp(date, minutes);
    c.underlying = request.root == "SPXW" ? day.market().spx_close : day.market().vix_close.value_or(0.0);
    for (Date e : request.expiries) {
      if (auto f = day.chain_forward(request.root, e, minutes)) c.forwards.push_back({e, *f});
      const auto& q = day.chain_quotes(request.root, e, minutes);
      c.quotes.insert(c.quotes.end(), q.begin(), q.end());
    }
    return c;
  }
};

}  // namespace alvh::test
