// adapters.market_data: the ZeroMQ market-data feed a paper session can take its days from. Each
// broken fixture (tests/fixtures/config/broken/market_data_*.yaml) must give exactly these errors:
// the whole message, the file, the line, the column and the YAML path.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "alvh/config/config_loader.hpp"
#include "../support/config_errors.hpp"

using namespace alvh::config;

namespace {

using alvh::config::test::check_broken_fixture;
using alvh::config::test::MessageMatch;
using Expected = alvh::config::test::ExpectedError;

void check_exact_errors(const std::string& name, const std::vector<Expected>& expected) {
  check_broken_fixture(name, expected, MessageMatch::Whole);
}

ConfigLoadResult load(const std::string& yaml) { return load_config_from_string(yaml, "test.yaml"); }

}  // namespace

TEST_CASE("the market-data feed is off by default and points at alvh-feed's default endpoints") {
  const auto r = load("schema_version: 1\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const MarketDataConfig& md = r.config->adapters.market_data;
  CHECK_FALSE(md.enabled);
  CHECK(md.pub_endpoint == "tcp://127.0.0.1:5560");
  CHECK(md.snapshot_endpoint == "tcp://127.0.0.1:5561");
  CHECK_FALSE(md.allow_non_loopback);
  CHECK(md.timeout_ms == 10000);
  CHECK_FALSE(md.curve_server_public_key.has_value());  // no CURVE unless configured
  CHECK_FALSE(md.curve_client_public_key.has_value());
  CHECK_FALSE(md.curve_client_secret_key.has_value());
}

TEST_CASE("a market-data section with both endpoints is read into the adapters config") {
  const auto r = load(
      "schema_version: 1\n"
      "adapters:\n"
      "  market_data:\n"
      "    enabled: true\n"
      "    pub_endpoint: ipc:///tmp/alvh-md\n"
      "    snapshot_endpoint: tcp://localhost:6001\n"
      "    timeout_ms: 2500\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const MarketDataConfig& md = r.config->adapters.market_data;
  CHECK(md.enabled);
  CHECK(md.pub_endpoint == "ipc:///tmp/alvh-md");
  CHECK(md.snapshot_endpoint == "tcp://localhost:6001");
  CHECK(md.timeout_ms == 2500);
  CHECK_FALSE(r.config->adapters.zmq.enabled);  // the backend link is a separate section
}

TEST_CASE("a market-data feed off this host is accepted when explicitly allowed") {
  const auto r = load(
      "schema_version: 1\n"
      "adapters:\n"
      "  market_data:\n"
      "    pub_endpoint: tcp://10.0.0.5:5560\n"
      "    snapshot_endpoint: tcp://10.0.0.5:5561\n"
      "    allow_non_loopback: true\n");  // after the endpoints: the key order does not matter
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.config->adapters.market_data.pub_endpoint == "tcp://10.0.0.5:5560");
  CHECK(r.config->adapters.market_data.allow_non_loopback);
}

TEST_CASE("market-data endpoints that are not ZeroMQ endpoints are reported at the value") {
  check_exact_errors("market_data_bad_endpoint.yaml",
                     {
                         {5, 19, "adapters.market_data.pub_endpoint",
                          "expected tcp://HOST:PORT, ipc://PATH or inproc://NAME, got 'http://127.0.0.1:5560'"},
                         {6, 24, "adapters.market_data.snapshot_endpoint", "port must be 1-65535 in 'tcp://127.0.0.1:70000'"},
                     });
}

TEST_CASE("market-data endpoints off loopback name the section's own allow_non_loopback") {
  check_exact_errors(
      "market_data_non_loopback.yaml",
      {
          {5, 19, "adapters.market_data.pub_endpoint",
           "'10.0.0.5' is not a loopback address; use 127.0.0.1 or set adapters.market_data.allow_non_loopback: true"},
          {6, 24, "adapters.market_data.snapshot_endpoint",
           "'feed.example.com' is not a loopback address; use 127.0.0.1 or set adapters.market_data.allow_non_loopback: true"},
      });
}

TEST_CASE("a snapshot endpoint without the pub endpoint of its feed is reported at the section") {
  check_exact_errors("market_data_snapshot_without_pub.yaml",
                     {{4, 5, "adapters.market_data.pub_endpoint",
                       "missing key 'pub_endpoint': snapshot_endpoint is given, and both endpoints belong to the same feed"}});
}

TEST_CASE("a pub endpoint without the snapshot endpoint of its feed is reported at the section") {
  const auto r = load(
      "schema_version: 1\n"
      "adapters:\n"
      "  market_data: {enabled: true, pub_endpoint: 'tcp://127.0.0.1:7000'}\n");
  INFO(r.format_errors());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].format() ==
        "test.yaml:3:16: adapters.market_data.snapshot_endpoint: missing key 'snapshot_endpoint': pub_endpoint is "
        "given, and both endpoints belong to the same feed");
}

TEST_CASE("wrong market-data values, one endpoint for both sockets and a lone CURVE key are all reported") {
  check_exact_errors("market_data_wrong_values.yaml",
                     {
                         {4, 14, "adapters.market_data.enabled", "expected true or false, got 'sometimes'"},
                         {6, 5, "adapters.market_data.snapshot_endpoint", "must differ from pub_endpoint"},
                         {7, 17, "adapters.market_data.timeout_ms", "must be in [100, 600000], got 5"},
                         {8, 12, "adapters.market_data.curve", "give all three key files or none"},
                     });
}

TEST_CASE("the zmq section's loopback error still names adapters.zmq.allow_non_loopback") {
  const auto r = load("schema_version: 1\nadapters:\n  zmq: {command_endpoint: 'tcp://0.0.0.0:5555'}\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message ==
        "'0.0.0.0' is not a loopback address; use 127.0.0.1 or set adapters.zmq.allow_non_loopback: true");
}

TEST_CASE("market-data CURVE key files are read relative to the config file, like the zmq section's") {
  const auto r = load_config_from_string(
      "schema_version: 1\n"
      "adapters:\n"
      "  market_data:\n"
      "    enabled: true\n"
      "    curve: {server_public_key_file: k/feed.pub, client_public_key_file: k/host.pub, client_secret_key_file: /abs/host.key}\n",
      "x.yaml", "/etc/alvh");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const MarketDataConfig& md = r.config->adapters.market_data;
  REQUIRE(md.curve_server_public_key.has_value());
  REQUIRE(md.curve_client_public_key.has_value());
  REQUIRE(md.curve_client_secret_key.has_value());
  CHECK(*md.curve_server_public_key == "/etc/alvh/k/feed.pub");
  CHECK(*md.curve_client_public_key == "/etc/alvh/k/host.pub");
  CHECK(*md.curve_client_secret_key == "/abs/host.key");
  CHECK_FALSE(r.config->adapters.zmq.curve_server_public_key.has_value());  // the backend link keeps its own keys
}

TEST_CASE("a market-data CURVE section with all keys ~ means no CURVE") {
  const auto r = load(
      "schema_version: 1\n"
      "adapters:\n"
      "  market_data:\n"
      "    curve: {server_public_key_file: ~, client_public_key_file: ~, client_secret_key_file: ~}\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK_FALSE(r.config->adapters.market_data.curve_server_public_key.has_value());
}

TEST_CASE("a partial market-data CURVE section and an unknown key in it are reported with file, line, column and path") {
  check_exact_errors("market_data_partial_curve.yaml",
                     {
                         {8, 7, "adapters.market_data.curve", "give all three key files or none"},
                         {11, 7, "adapters.market_data.curve.client_secret_key",
                          "unknown key 'client_secret_key' (did you mean 'client_secret_key_file'?)"},
                     });
}

TEST_CASE("a market-data CURVE value that is not a mapping is reported at the value") {
  const auto r = load("schema_version: 1\nadapters:\n  market_data: {curve: keys/feed.pub}\n");
  INFO(r.format_errors());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "adapters.market_data.curve");
}
