// alvh-host driven by alvh-feed over ZeroMQ books the same trades as alvh-host replaying the same
// history in-process, both against alvh-paper-broker; and `alvh paper` takes its days from the feed
// configured in adapters.market_data, with the command-line flags taking precedence. Real
// executables, ipc endpoints. A CURVE feed is read with the keys of adapters.market_data.curve.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../support/child_process.hpp"
#include "alvh/zmq/curve_keys.hpp"

using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;
using alvh::test::slurp;
using alvh::test::spawn;
using alvh::test::wait_for;
fs::path fresh_dir(const std::string& name) { return alvh::test::fresh_dir("feed", name); }

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

// The `alvh` executable (feed/CMakeLists.txt defines its path and builds it first).
fs::path alvh_cli() { return ALVH_CLI_PATH; }

// Replaces the one occurrence of `what` in `text`.
void replace_once(std::string& text, const std::string& what, const std::string& with) {
  const auto at = text.find(what);
  INFO("config/alvh.yaml changed: '" << what << "' not found");
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(what, at + 1) == std::string::npos);
  text.replace(at, what.size(), with);
}

// config/alvh.yaml in `dir` with absolute data and report paths and adapters.market_data enabled
// on the given endpoints.
fs::path feed_config(const fs::path& dir, const std::string& pub, const std::string& snapshot) {
  std::string yaml = slurp(kConfig);
  replace_once(yaml, "  dir: ../data\n", "  dir: " + std::string(ALVH_TEST_DATA_DIR) + "\n");
  replace_once(yaml, "output_dir: ../reports", "output_dir: " + (dir / "reports").string());
  replace_once(yaml, "  market_data:\n    enabled: false\n", "  market_data:\n    enabled: true\n");
  replace_once(yaml, "pub_endpoint: tcp://127.0.0.1:5560", "pub_endpoint: " + pub);
  replace_once(yaml, "snapshot_endpoint: tcp://127.0.0.1:5561", "snapshot_endpoint: " + snapshot);
  const fs::path file = dir / "alvh-feed-enabled.yaml";
  std::ofstream(file) << yaml;
  return file;
}

// `alvh paper` with `config`; returns its output (stdout and stderr).
std::string alvh_paper(const fs::path& dir, const fs::path& config, const std::string& from, const std::string& to,
                       const std::vector<std::string>& extra) {
  std::vector<std::string> args = {alvh_cli().string(), "paper", "--config", config.string(), "--from", from, "--to", to,
                                   "--out", (dir / "out").string(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  const int st = wait_for(spawn(args, dir / "paper.log"));
  const std::string log = slurp(dir / "paper.log");
  INFO(log);
  REQUIRE(WIFEXITED(st));
  REQUIRE(WEXITSTATUS(st) == 0);
  return log;
}

std::vector<std::string> lines(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// A background process that prints a `ready` line once bound, stopped with SIGTERM.
struct Server {
  pid_t pid;
  Server(const std::vector<std::string>& args, const fs::path& log) : pid(spawn(args, log)) {
    INFO(args.front() << ": no ready line within 30 s");
    alvh::test::wait_for_log(log, "ready ", std::chrono::seconds(30));
    REQUIRE_THAT(slurp(log), Contains("ready "));
  }
  ~Server() {
    ::kill(pid, SIGTERM);
    wait_for(pid);
  }
};

// A paper session of the host against a fresh broker; `extra` adds the market-data options.
fs::path paper_run(const std::string& name, const std::string& from, const std::string& to,
                   const std::vector<std::string>& extra) {
  const fs::path dir = fresh_dir(name);
  const std::string cmd = "ipc://" + (dir / "cmd").string(), evt = "ipc://" + (dir / "evt").string(),
                    clk = "ipc://" + (dir / "clk").string();
  Server broker({ALVH_PAPER_BROKER_PATH, "--config", kConfig, "--command-endpoint", cmd, "--event-endpoint", evt,
                 "--clock-endpoint", clk, "--state", (dir / "broker-state.jsonl").string()},
                dir / "broker.log");
  std::vector<std::string> args = {ALVH_HOST_PATH, "--plugin", ALVH_PLUGIN_PATH, "--config", kConfig, "--broker-command",
                                   cmd, "--broker-events", evt, "--broker-clock", clk, "--journal",
                                   (dir / "journal.sqlite").string(), "--from", from, "--to", to,
                                   "--out", (dir / "out").string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const int st = wait_for(spawn(args, dir / "host.log"));
  INFO(slurp(dir / "host.log"));
  REQUIRE(WIFEXITED(st));
  REQUIRE(WEXITSTATUS(st) == 0);
  return dir;
}

}  // namespace

TEST_CASE("alvh-host driven by alvh-feed books the same trades and daily records as alvh-host replaying in-process") {
  const std::string from = "2024-03-04", to = "2024-03-15";
  const fs::path replay = paper_run("replay", from, to, {});
  // Lossless, then with md.day messages 4, 5 and the last day (10) lost on the wire: recovered by snapshot.
  const bool lossy = GENERATE(false, true);
  CAPTURE(lossy);

  const fs::path feed_dir = fresh_dir("feed-server");
  const std::string pub = "ipc://" + (feed_dir / "md").string(), snap = "ipc://" + (feed_dir / "md-snap").string();
  // Paced, so most days arrive live on the PUB rather than from the start-up snapshot.
  Server feed({ALVH_FEED_PATH, "--config", kConfig, "--from", from, "--to", to, "--pub-endpoint", pub,
               "--snapshot-endpoint", snap, "--speed", "20", "--heartbeat-ms", "100", "--drop", lossy ? "4" : "0",
               "--drop", lossy ? "5" : "0", "--drop", lossy ? "10" : "0"},
              feed_dir / "feed.log");
  const fs::path fed = paper_run("fed", from, to, {"--market-data", pub, "--market-data-snapshot", snap});

  const std::string host_log = slurp(fed / "host.log");
  INFO(host_log);
  CHECK_THAT(host_log, Contains("market   10 days from " + pub));
  // Lost days reach the host only through snapshots (start-up, gap or heartbeat, depending on timing).
  if (lossy) {
    const auto at = host_log.find("recovered ");
    REQUIRE(at != std::string::npos);
    CHECK(std::stoi(host_log.substr(at + 10)) >= 3);
  }
  const auto replay_trades = lines(replay / "out" / "trades.csv");
  const auto fed_trades = lines(fed / "out" / "trades.csv");
  CAPTURE(from, to, replay_trades.size(), fed_trades.size());
  REQUIRE(replay_trades.size() > 1);  // a header and at least one trade
  CHECK(fed_trades == replay_trades);
  CHECK(lines(fed / "out" / "daily.csv") == lines(replay / "out" / "daily.csv"));
  if (fed_trades != replay_trades || lines(fed / "out" / "daily.csv") != lines(replay / "out" / "daily.csv")) return;  // keep for a look
  fs::remove_all(replay);
  fs::remove_all(fed);
  fs::remove_all(feed_dir);
}

TEST_CASE("alvh paper takes its days from the alvh-feed enabled in adapters.market_data, and the flags override it") {
  REQUIRE(fs::exists(alvh_cli()));
  const std::string from = "2024-03-04", to = "2024-03-15";
  const fs::path feed_dir = fresh_dir("paper-feed-server");
  const std::string pub = "ipc://" + (feed_dir / "md").string(), snap = "ipc://" + (feed_dir / "md-snap").string();
  Server feed({ALVH_FEED_PATH, "--config", kConfig, "--from", from, "--to", to, "--pub-endpoint", pub,
               "--snapshot-endpoint", snap, "--speed", "20", "--heartbeat-ms", "100"},
              feed_dir / "feed.log");

  // Only the config names the feed.
  const fs::path fed = fresh_dir("paper-config-fed");
  const std::string fed_log = alvh_paper(fed, feed_config(fed, pub, snap), from, to, {});
  INFO(fed_log);
  CHECK_THAT(fed_log, Contains("market data from the feed at " + pub + " (adapters.market_data)"));
  CHECK_THAT(fed_log, Contains("market   10 days from " + pub));

  // The config names a feed that does not exist; --market-data/--market-data-snapshot win.
  const fs::path flagged = fresh_dir("paper-flag-fed");
  const std::string nowhere = "ipc://" + (flagged / "no-feed-here").string();
  const std::string flag_log = alvh_paper(flagged, feed_config(flagged, nowhere, nowhere + "-snap"), from, to,
                                          {"--market-data", pub, "--market-data-snapshot", snap});
  INFO(flag_log);
  CHECK_THAT(flag_log, Contains("market data from the feed at " + pub + " (--market-data)"));
  CHECK_THAT(flag_log, Contains("market   10 days from " + pub));

  // --no-market-data replays the data files although the config enables the feed: the same trades.
  const fs::path replay = fresh_dir("paper-no-feed");
  const std::string replay_log = alvh_paper(replay, feed_config(replay, nowhere, nowhere + "-snap"), from, to,
                                            {"--no-market-data"});
  INFO(replay_log);
  CHECK_THAT(replay_log, Contains("replayed history, orders to the paper broker"));
  CHECK_THAT(replay_log, !Contains("market   "));

  const auto replay_trades = lines(replay / "out" / "trades.csv");
  CAPTURE(replay_trades.size());
  REQUIRE(replay_trades.size() > 1);  // a header and at least one trade
  CHECK(lines(fed / "out" / "trades.csv") == replay_trades);
  CHECK(lines(flagged / "out" / "trades.csv") == replay_trades);
  CHECK(lines(fed / "out" / "daily.csv") == lines(replay / "out" / "daily.csv"));
  if (lines(fed / "out" / "trades.csv") != replay_trades) return;  // keep for a look
  for (const fs::path& d : {fed, flagged, replay, feed_dir}) fs::remove_all(d);
}

TEST_CASE("alvh-host refuses a configured feed without the paper broker and contradicting market-data flags") {
  const fs::path dir = fresh_dir("host-feed-usage");
  const fs::path config = feed_config(dir, "ipc://" + (dir / "md").string(), "ipc://" + (dir / "md-snap").string());
  const auto run_host = [&](const std::string& name, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {ALVH_HOST_PATH, "--plugin", ALVH_PLUGIN_PATH, "--config", config.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const int st = wait_for(spawn(args, dir / (name + ".log")));
    REQUIRE(WIFEXITED(st));
    return std::pair{WEXITSTATUS(st), slurp(dir / (name + ".log"))};
  };
  const auto [in_process, in_process_log] = run_host("in-process", {});
  CHECK(in_process == 2);
  CHECK_THAT(in_process_log, Contains(config.string() + ": adapters.market_data is enabled, and the feed trades through the paper "
                                                       "broker"));
  const auto [both, both_log] = run_host("both", {"--no-market-data", "--market-data", "ipc://x", "--market-data-snapshot", "ipc://y"});
  CHECK(both == 2);
  CHECK_THAT(both_log, Contains("--no-market-data contradicts --market-data"));
  const auto [half, half_log] = run_host("half", {"--market-data", "ipc://x"});
  CHECK(half == 2);
  CHECK_THAT(half_log, Contains("--market-data and --market-data-snapshot go together"));
  fs::remove_all(dir);
}

TEST_CASE("alvh paper reads a CURVE feed with the key files of adapters.market_data.curve, and fails cleanly without them") {
  if (!alvh::wire::curve_available()) {
    WARN("libzmq built without CURVE");
    return;
  }
  const std::string from = "2024-03-04", to = "2024-03-08";
  const fs::path feed_dir = fresh_dir("curve-feed-server");
  const std::string pub = "ipc://" + (feed_dir / "md").string(), snap = "ipc://" + (feed_dir / "md-snap").string();
  const auto feed_keys = alvh::wire::generate_curve_keypair(), host_keys = alvh::wire::generate_curve_keypair();
  alvh::wire::write_curve_keypair(feed_keys, feed_dir / "feed.pub", feed_dir / "feed.key");
  alvh::wire::write_curve_keypair(host_keys, feed_dir / "host.pub", feed_dir / "host.key");
  Server feed({ALVH_FEED_PATH, "--config", kConfig, "--from", from, "--to", to, "--pub-endpoint", pub,
               "--snapshot-endpoint", snap, "--heartbeat-ms", "100", "--curve-secret-key", (feed_dir / "feed.key").string(),
               "--curve-allowed-key", (feed_dir / "host.pub").string()},
              feed_dir / "feed.log");

  // The keys next to the config, named relative to it.
  const fs::path fed = fresh_dir("paper-curve-fed");
  fs::create_directories(fed / "keys");
  for (const char* f : {"feed.pub", "host.pub", "host.key"}) fs::copy_file(feed_dir / f, fed / "keys" / f);
  const fs::path config = feed_config(fed, pub, snap);
  std::string yaml = slurp(config);
  replace_once(yaml, "server_public_key_file: ~  # the feed's public key", "server_public_key_file: keys/feed.pub");
  replace_once(yaml, "client_public_key_file: ~  # this subscriber's keypair", "client_public_key_file: keys/host.pub  #");
  replace_once(yaml, "      client_secret_key_file: ~\n\n", "      client_secret_key_file: keys/host.key\n\n");
  std::ofstream(config) << yaml;
  const std::string fed_log = alvh_paper(fed, config, from, to, {});
  INFO(fed_log);
  CHECK_THAT(fed_log, Contains("market   5 days from " + pub));

  // Without keys the feed sends nothing: the session fails once the feed has been silent for timeout_ms.
  const fs::path plain = fresh_dir("paper-curve-no-keys");
  const fs::path plain_config = feed_config(plain, pub, snap);
  std::string plain_yaml = slurp(plain_config);
  replace_once(plain_yaml, "    timeout_ms: 10000 ", "    timeout_ms: 500 ");
  std::ofstream(plain_config) << plain_yaml;
  const int st = wait_for(spawn({alvh_cli().string(), "paper", "--config", plain_config.string(), "--from", from, "--to",
                                 to, "--out", (plain / "out").string(), "--quiet"},
                                plain / "paper.log"));
  const std::string plain_log = slurp(plain / "paper.log");
  INFO(plain_log);
  REQUIRE(WIFEXITED(st));
  CHECK(WEXITSTATUS(st) != 0);
  CHECK_THAT(plain_log, Contains("did not answer a snapshot_request"));
  CHECK_THAT(plain_log, !Contains("market   "));
  for (const fs::path& d : {fed, plain, feed_dir}) fs::remove_all(d);
}
