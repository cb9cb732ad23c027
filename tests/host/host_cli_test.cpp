// alvh-host's argument contract and a short paper replay, run in-process.
#include <catch2/catch.hpp>

#include <sstream>

#include "alvh/host/host_cli.hpp"

using Catch::Matchers::Contains;

using alvh::host::run_host_cli;

namespace {

struct Run {
  int status = 0;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  Run r;
  r.status = run_host_cli(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

}  // namespace

TEST_CASE("alvh-host --help prints the options and exits 0") {
  const Run r = run({"--help"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Contains("--plugin"));
  CHECK_THAT(r.out, Contains("--from"));
}

TEST_CASE("alvh-host exits 2 on missing or malformed arguments") {
  CHECK(run({}).status == 2);
  CHECK(run({"--plugin", ALVH_PLUGIN_PATH}).status == 2);
  CHECK(run({"--plugin", ALVH_PLUGIN_PATH, "--config", kConfig, "--bogus"}).status == 2);
  const Run bad_date = run({"--plugin", ALVH_PLUGIN_PATH, "--config", kConfig, "--from", "2024-13-01"});
  CHECK(bad_date.status == 2);
  CHECK_THAT(bad_date.err, Contains("--from: '2024-13-01' is not a date"));
  CHECK(run({"--plugin", ALVH_PLUGIN_PATH, "--config", kConfig, "--from", "2024-03-10", "--to", "2024-03-01"}).status == 2);
  CHECK(run({"--plugin", ALVH_PLUGIN_PATH, "--config", kConfig, "--log", "loud"}).status == 2);
}

TEST_CASE("alvh-host exits 1 with the loader's message for a missing or incompatible plugin") {
  const Run missing = run({"--plugin", "/nonexistent.so", "--config", kConfig});
  CHECK(missing.status == 1);
  CHECK(missing.err == "alvh-host: plugin /nonexistent.so rejected: no such file\n");
  const Run wrong = run({"--plugin", ALVH_FIXTURE_WRONG_ABI, "--config", kConfig});
  CHECK(wrong.status == 1);
  CHECK_THAT(wrong.err, Contains("plugin ABI version 99, this host speaks ABI version 1"));
}

TEST_CASE("alvh-host paper-trades the plugin over two replayed weeks") {
  const Run r = run({"--plugin", ALVH_PLUGIN_PATH, "--config", kConfig, "--from", "2024-03-04", "--to", "2024-03-15"});
  CAPTURE(r.out, r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("=== PAPER", 0) == 0);
  CHECK_THAT(r.out, Contains("abi      1\n"));
  CHECK_THAT(r.out, Contains("provides alvh_portfolio (config schema 1)"));
  CHECK_THAT(r.out, Contains("replayed 2024-03-04 .. 2024-03-15: 10 days"));
}

TEST_CASE("alvh-host refuses a config whose execution mode is live") {
  const std::string live = std::string(ALVH_SOURCE_DIR) + "/tests/host/fixtures/live_config.yaml";
  const Run r = run({"--plugin", ALVH_PLUGIN_PATH, "--config", live});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("execution.mode is live; in-process fills are paper only"));
}
