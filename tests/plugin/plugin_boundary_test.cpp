// The real libalvh_plugin.so driven through its C table only, with a recording host.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "alvh/host/plugin_library.hpp"
#include "recording_host.hpp"

using Catch::Matchers::Contains;

using namespace alvh;
using alvh::test::RecordingHost;
using alvh::test::ReplayFixture;

namespace {

std::string default_config() {
  std::ifstream in(std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const host::PluginLibrary& plugin() {
  static const host::PluginLibrary lib(ALVH_PLUGIN_PATH);
  return lib;
}

// Owns one instance; destroys it at scope exit.
struct Instance {
  const alvh_plugin_api& api = plugin().api();
  alvh_instance* ptr = nullptr;
  alvh_error err{};
  std::int32_t create(RecordingHost& host, const std::string& yaml, const char* origin = "config/alvh.yaml",
                      const char* strategy = "alvh_portfolio") {
    alvh_create_params p{sizeof(alvh_create_params), strategy, yaml.c_str(), origin};
    return api.create(&host.api, &p, &ptr, &err);
  }
  ~Instance() { api.destroy(ptr); }
};

}  // namespace

TEST_CASE("the manifest names the ABI version, a build id, the strategy and the config schema") {
  const alvh_manifest& m = plugin().manifest();
  CAPTURE(m.build_id);
  CHECK(m.abi_version == ALVH_PLUGIN_ABI_VERSION);
  CHECK(std::string(m.build_id).find("alvh 0.1.0") == 0);
  CHECK_THAT(std::string(m.build_id), Contains("QuantLib 1."));
  REQUIRE(m.strategy_count == 1);
  CHECK(std::string(m.strategy_names[0]) == "alvh_portfolio");
  CHECK(m.config_schema_version == 1);
}

TEST_CASE("the default config creates an instance that starts and stops") {
  RecordingHost host(make_date(2024, 3, 13));
  Instance i;
  REQUIRE(i.create(host, default_config()) == ALVH_OK);
  CHECK(i.err.status == ALVH_OK);
  REQUIRE(i.ptr != nullptr);
  CHECK(i.api.start(i.ptr, &i.err) == ALVH_OK);
  CHECK(host.timers.size() == 2);  // condor entry and ladder review
  CHECK(i.api.stop(i.ptr, &i.err) == ALVH_OK);
}

TEST_CASE("a bad config gives ALVH_ERR_CONFIG with origin, line and column in the message") {
  RecordingHost host(make_date(2024, 3, 13));
  Instance i;
  std::string yaml = default_config();
  const auto at = yaml.find("schema_version: 1");
  INFO("the default config has no 'schema_version: 1'");
  REQUIRE(at != std::string::npos);
  yaml.replace(at, 17, "schema_version: 1\nno_such_section: 3");
  CHECK(i.create(host, yaml, "my.yaml") == ALVH_ERR_CONFIG);
  CHECK(i.err.status == ALVH_ERR_CONFIG);
  CHECK(i.ptr == nullptr);
  const std::string message = i.err.message;
  CAPTURE(message);
  CHECK_THAT(message, Contains("my.yaml:12:1"));
  CHECK_THAT(message, Contains("no_such_section"));
}

TEST_CASE("create refuses an unknown strategy name and a host table with a null slot") {
  RecordingHost host(make_date(2024, 3, 13));
  {
    Instance i;
    CHECK(i.create(host, default_config(), "x", "martingale") == ALVH_ERR_ARGUMENT);
    CHECK_THAT(std::string(i.err.message), Contains("unknown strategy 'martingale'"));
  }
  {
    host.api.state_get = nullptr;
    Instance i;
    CHECK(i.create(host, default_config()) == ALVH_ERR_ARGUMENT);
    CHECK(std::string(i.err.message) == "host table slot 'state_get' is null");
  }
}

TEST_CASE("a host table from a different ABI version is refused at create") {
  RecordingHost host(make_date(2024, 3, 13));
  host.api.abi_version = 2;
  Instance i;
  CHECK(i.create(host, default_config()) == ALVH_ERR_ABI);
  CHECK_THAT(std::string(i.err.message), Contains("host ABI version 2"));
}

TEST_CASE("events before start and a second start give ALVH_ERR_STATE") {
  RecordingHost host(make_date(2024, 3, 13));
  Instance i;
  REQUIRE(i.create(host, default_config()) == ALVH_OK);
  const auto v = plugin_abi::to_c(IndexValues{{host.date, hhmm(15, 40)}, 5150.0, 14.0, {}, {}, {}, {}, {}});
  CHECK(i.api.on_index_values(i.ptr, &v, &i.err) == ALVH_ERR_STATE);
  REQUIRE(i.api.start(i.ptr, &i.err) == ALVH_OK);
  CHECK(i.api.start(i.ptr, &i.err) == ALVH_ERR_STATE);
  CHECK(i.api.on_index_values(i.ptr, &v, &i.err) == ALVH_OK);
}

TEST_CASE("malformed structs from the host come back as error codes") {
  RecordingHost host(make_date(2024, 3, 13));
  Instance i;
  REQUIRE(i.create(host, default_config()) == ALVH_OK);
  REQUIRE(i.api.start(i.ptr, &i.err) == ALVH_OK);
  auto v = plugin_abi::to_c(IndexValues{{host.date, hhmm(15, 40)}, 5150.0, 14.0, {}, {}, {}, {}, {}});
  v.struct_size = 8;
  CHECK(i.api.on_index_values(i.ptr, &v, &i.err) == ALVH_ERR_ABI);
  CHECK(i.api.on_index_values(i.ptr, nullptr, &i.err) == ALVH_ERR_ARGUMENT);
  CHECK(i.api.on_index_values(nullptr, &v, &i.err) == ALVH_ERR_ARGUMENT);
  alvh_timer_event t{sizeof t, 1, "iron_condor.entry", {20241345, 945}};
  CHECK(i.api.on_timer(i.ptr, &t, &i.err) == ALVH_ERR_ARGUMENT);
  CHECK_THAT(std::string(i.err.message), Contains("20241345 is not a YYYYMMDD date"));
  CHECK(i.api.on_timer(i.ptr, &t, nullptr) == ALVH_ERR_ARGUMENT);  // err is optional
}

namespace {

// Drives 2024-03-13 as the replay does: signals at the open, index levels at 15:40, then the
// condor entry timer and the chain it asks for.
void drive_condor_entry(Instance& i, RecordingHost& host, std::int32_t expect_on_chain) {
  auto& fx = ReplayFixture::get();
  backtest::ReplayDay day(fx.market, fx.settings, fx.row(host.date), std::nullopt);
  REQUIRE(i.api.start(i.ptr, &i.err) == ALVH_OK);

  SignalSnapshot s;
  s.time = {host.date, hhmm(9, 30)};
  s.values["vix"] = 14.0;
  const plugin_abi::CSignalSnapshot cs(s);
  REQUIRE(i.api.on_signals(i.ptr, &cs.snapshot, &i.err) == ALVH_OK);

  host.minutes = hhmm(15, 40);
  const auto iv = plugin_abi::to_c(day.index_values());
  REQUIRE(i.api.on_index_values(i.ptr, &iv, &i.err) == ALVH_OK);

  REQUIRE_FALSE(host.timers.empty());
  const TimerEvent entry = host.timers.front();
  REQUIRE(entry.name == "iron_condor.entry");
  host.minutes = entry.scheduled.minutes;
  const auto ct = plugin_abi::to_c(entry);
  REQUIRE(i.api.on_timer(i.ptr, &ct, &i.err) == ALVH_OK);
  REQUIRE(host.chain_requests.size() == 1);
  CHECK(host.chain_requests[0].root == "SPXW");

  const OptionChainSnapshot chain = host.chain(day, host.chain_requests[0]);
  CAPTURE(chain.quotes.size());
  const plugin_abi::CChainSnapshot cc(chain);
  CHECK(i.api.on_chain(i.ptr, &cc.chain, &i.err) == expect_on_chain);
}

}  // namespace

TEST_CASE("one replayed day sends the iron condor to the host's submit_combo as one 4-leg credit combo") {
  RecordingHost host(make_date(2024, 3, 13));
  Instance i;
  REQUIRE(i.create(host, default_config()) == ALVH_OK);
  drive_condor_entry(i, host, ALVH_OK);
  for (const auto& l : host.logs) UNSCOPED_INFO(l);
  REQUIRE(host.combos.size() == 1);
  const ComboOrder& c = host.combos[0];
  CHECK(c.legs.size() == 4);
  CHECK(c.effect == PriceEffect::Credit);
  CHECK(c.limit > 0);
  CHECK(c.quantity > 0);
  CHECK(c.tag == "ic:2024-03-14");
  for (const auto& l : c.legs) {
    CHECK(l.instrument.root == "SPXW");
    CHECK(l.instrument.expiry == make_date(2024, 3, 14));
  }

  // The plugin tracks its working order: an Accepted then Filled event is accepted in order.
  OrderEvent accepted{"combo-1", OrderState::Accepted, 0, "", venue::replay_timestamp(host.date, host.minutes)};
  const auto ca = plugin_abi::to_c(accepted);
  CHECK(i.api.on_order_event(i.ptr, &ca, &i.err) == ALVH_OK);
}

TEST_CASE("a failing host submit_combo makes the strategy throw inside the plugin and returns ALVH_ERR_HOST") {
  RecordingHost host(make_date(2024, 3, 13));
  host.submit_status = ALVH_ERR_INTERNAL;
  Instance i;
  REQUIRE(i.create(host, default_config()) == ALVH_OK);
  drive_condor_entry(i, host, ALVH_ERR_HOST);
  CHECK(i.err.status == ALVH_ERR_HOST);
  CHECK_THAT(std::string(i.err.message), Contains("host submit_combo failed with ALVH_ERR_INTERNAL"));
  CHECK(host.combos.empty());
}

TEST_CASE("state saved through state_put is read back through state_get, and an unreadable blob fails closed") {
  RecordingHost host(make_date(2024, 3, 13));
  {
    Instance i;
    REQUIRE(i.create(host, default_config()) == ALVH_OK);
    REQUIRE(i.api.start(i.ptr, &i.err) == ALVH_OK);
    REQUIRE(i.api.stop(i.ptr, &i.err) == ALVH_OK);
    REQUIRE(i.api.save_state(i.ptr, &i.err) == ALVH_OK);
  }
  REQUIRE(host.state.count("alvh_portfolio") == 1);
  {
    Instance i;
    REQUIRE(i.create(host, default_config()) == ALVH_OK);
    CHECK(i.api.load_state(i.ptr, &i.err) == ALVH_OK);
  }
  host.state["alvh_portfolio"] = "garbage that is not a saved state";
  {
    Instance i;
    REQUIRE(i.create(host, default_config()) == ALVH_OK);
    CHECK(i.api.load_state(i.ptr, &i.err) == ALVH_ERR_STATE);
    CHECK_THAT(std::string(i.err.message), Contains("fail closed"));
  }
}
