// `alvh paper` end to end, and recovery of the strategy host from SIGKILL. These run the real
// executables (alvh, alvh-paper-broker, alvh-host) as child processes over ipc endpoints.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "alvh/journal/journal.hpp"
#include "alvh/zmq/curve_keys.hpp"

#include "../support/child_process.hpp"

using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;
using alvh::test::slurp;
using alvh::test::spawn;
using alvh::test::wait_for;
fs::path fresh_dir(const std::string& name) { return alvh::test::fresh_dir("paper", name); }

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

int run(const std::vector<std::string>& args, const fs::path& log) { return wait_for(spawn(args, log)); }

// Rows of a CSV whose first column is `variant`, without that column.
std::vector<std::string> rows_of(const fs::path& csv, const std::string& variant) {
  std::vector<std::string> out;
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line))
    if (line.starts_with(variant + ",")) out.push_back(line.substr(variant.size() + 1));
  return out;
}

// The broker runs until the test stops it.
struct Broker {
  pid_t pid;
  std::string cmd, evt, clk;
  Broker(const fs::path& dir) {
    cmd = "ipc://" + (dir / "cmd").string();
    evt = "ipc://" + (dir / "evt").string();
    clk = "ipc://" + (dir / "clk").string();
    pid = spawn({ALVH_PAPER_BROKER_PATH, "--config", kConfig, "--command-endpoint", cmd, "--event-endpoint", evt,
                 "--clock-endpoint", clk, "--state", (dir / "broker-state.jsonl").string()},
                dir / "broker.log");
    INFO("alvh-paper-broker: no ready line within 6 s");
    alvh::test::wait_for_log(dir / "broker.log", "ready ", std::chrono::seconds(6));
    REQUIRE_THAT(slurp(dir / "broker.log"), Contains("ready "));
  }
  ~Broker() {
    ::kill(pid, SIGTERM);
    wait_for(pid);
  }
  std::vector<std::string> host_args(const fs::path& dir, const std::string& from, const std::string& to) const {
    return {ALVH_HOST_PATH, "--plugin", ALVH_PLUGIN_PATH, "--config", kConfig, "--broker-command", cmd,
            "--broker-events", evt, "--broker-clock", clk, "--journal", (dir / "journal.sqlite").string(),
            "--from", from, "--to", to};
  }
};

// Client order ids the broker executed or refused, with how often it recorded each.
std::map<std::string, int> broker_orders(const fs::path& state) {
  std::map<std::string, int> out;
  std::ifstream in(state);
  std::string line;
  const std::string key = "\"client_order_id\":\"";
  while (std::getline(in, line)) {
    if (line.find("\"kind\":\"order\"") == std::string::npos) continue;
    const auto at = line.find(key);
    if (at == std::string::npos) continue;
    const auto start = at + key.size();
    ++out[line.substr(start, line.find('"', start) - start)];
  }
  return out;
}

}  // namespace

TEST_CASE("alvh paper books the same trades and daily records as the matching variant of alvh backtest") {
  const fs::path dir = fresh_dir("same");
  const std::string from = "2024-01-02", to = "2024-02-29";
  const int paper = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", from, "--to", to, "--out",
                         (dir / "paper").string(), "--quiet"},
                        dir / "paper.log");
  INFO(slurp(dir / "paper.log"));
  REQUIRE(WIFEXITED(paper));
  REQUIRE(WEXITSTATUS(paper) == 0);
  const int bt = run({ALVH_CLI_PATH, "backtest", "--config", kConfig, "--from", from, "--to", to, "--out",
                      (dir / "bt").string(), "--quiet"},
                     dir / "bt.log");
  REQUIRE(WEXITSTATUS(bt) == 0);
  for (const char* file : {"summary.json", "trades.csv", "daily.csv", "report.html"}) CHECK(fs::exists(dir / "paper" / file));
  const std::string variant = "condors+alvh:vega_ratio";  // the default config's sizing mode
  const auto paper_trades = rows_of(dir / "paper" / "trades.csv", variant);
  const auto bt_trades = rows_of(dir / "bt" / "trades.csv", variant);
  CAPTURE(from, to, paper_trades.size(), bt_trades.size());
  REQUIRE(!bt_trades.empty());
  CHECK(paper_trades == bt_trades);
  CHECK(rows_of(dir / "paper" / "daily.csv", variant) == rows_of(dir / "bt" / "daily.csv", variant));
  CHECK_THAT(slurp(dir / "paper.log"), Contains("PAPER"));
  fs::remove_all(dir);
}

TEST_CASE("with adapters.zmq.curve set, alvh paper runs the broker link under CURVE and books the same trades") {
  const fs::path dir = fresh_dir("curve");
  const auto server = alvh::wire::generate_curve_keypair(), client = alvh::wire::generate_curve_keypair();
  alvh::wire::write_curve_keypair(server, dir / "server.pub", dir / "server.key");
  alvh::wire::write_curve_keypair(client, dir / "client.pub", dir / "client.key");
  // The default config with the execution link's CURVE keys filled in (the first curve block is
  // adapters.zmq's; the market-data feed's stays empty).
  std::string yaml = slurp(kConfig);
  const std::string empty_keys =
      "      server_public_key_file: ~\n      client_public_key_file: ~\n      client_secret_key_file: ~\n";
  const auto at = yaml.find(empty_keys);
  INFO(kConfig << " changed: no empty CURVE key block '" << empty_keys << "'");
  REQUIRE(at != std::string::npos);
  yaml.replace(at, empty_keys.size(),
               "      server_public_key_file: " + (dir / "server.pub").string() + "\n      client_public_key_file: " +
                   (dir / "client.pub").string() + "\n      client_secret_key_file: " + (dir / "client.key").string() + "\n");
  const fs::path config = dir / "alvh.yaml";
  std::ofstream(config) << yaml;
  const std::string data = std::string(ALVH_SOURCE_DIR) + "/data", from = "2024-03-04", to = "2024-03-15";

  const int plain = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", from, "--to", to, "--out",
                         (dir / "plain").string(), "--quiet"},
                        dir / "plain.log");
  REQUIRE(WEXITSTATUS(plain) == 0);
  const int curve = run({ALVH_CLI_PATH, "paper", "--config", config.string(), "--data", data, "--from", from, "--to", to,
                         "--out", (dir / "curve").string(), "--quiet", "--broker-curve-secret-key", (dir / "server.key").string()},
                        dir / "curve.log");
  INFO(slurp(dir / "curve.log"));
  REQUIRE(WIFEXITED(curve));
  REQUIRE(WEXITSTATUS(curve) == 0);
  const std::string variant = "condors+alvh:vega_ratio";
  CHECK(!rows_of(dir / "plain" / "trades.csv", variant).empty());
  CHECK(rows_of(dir / "curve" / "trades.csv", variant) == rows_of(dir / "plain" / "trades.csv", variant));

  // The keys are not optional once configured: without the broker's key it is a usage error.
  const int missing = run({ALVH_CLI_PATH, "paper", "--config", config.string(), "--data", data, "--from", from, "--to", to,
                           "--out", (dir / "missing").string(), "--quiet"},
                          dir / "missing.log");
  CHECK(WEXITSTATUS(missing) == 2);
  CHECK_THAT(slurp(dir / "missing.log"), Contains("--broker-curve-secret-key"));

  // A host whose key the broker does not list is refused: the host fails within its timeout.
  const auto stranger = alvh::wire::generate_curve_keypair();
  alvh::wire::write_curve_keypair(stranger, dir / "client.pub", dir / "client.key");  // the config's keys change hands
  alvh::wire::write_curve_keypair(client, dir / "listed.pub", dir / "listed.key");
  const std::string cmd = "ipc://" + (dir / "cmd").string(), evt = "ipc://" + (dir / "evt").string(),
                    clk = "ipc://" + (dir / "clk").string();
  const pid_t broker = spawn({ALVH_PAPER_BROKER_PATH, "--config", config.string(), "--data", data, "--command-endpoint", cmd,
                              "--event-endpoint", evt, "--clock-endpoint", clk, "--curve-secret-key",
                              (dir / "server.key").string(), "--curve-allowed-key", (dir / "listed.pub").string()},
                             dir / "broker.log");
  alvh::test::wait_for_log(dir / "broker.log", "ready ", std::chrono::seconds(6));
  REQUIRE_THAT(slurp(dir / "broker.log"), Contains("ready "));
  const auto t0 = std::chrono::steady_clock::now();
  const int refused = run({ALVH_HOST_PATH, "--plugin", ALVH_PLUGIN_PATH, "--config", config.string(), "--data", data,
                           "--broker-command", cmd, "--broker-events", evt, "--broker-clock", clk, "--journal",
                           (dir / "refused.sqlite").string(), "--from", from, "--to", to, "--timeout-ms", "2000"},
                          dir / "refused.log");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ::kill(broker, SIGTERM);
  wait_for(broker);
  INFO(slurp(dir / "refused.log") << "\nbroker:\n" << slurp(dir / "broker.log"));
  CAPTURE(seconds);
  CHECK(WIFEXITED(refused));
  CHECK(WEXITSTATUS(refused) != 0);
  CHECK(seconds < 30);
  CHECK_THAT(slurp(dir / "refused.log"), Contains("CURVE is on: check"));  // not refused for another reason
  fs::remove_all(dir);
}

TEST_CASE("with adapters.zmq.enabled, alvh-host trades through the broker at the configured endpoints") {
  const fs::path dir = fresh_dir("enabled");
  const std::string cmd = "ipc://" + (dir / "cmd").string(), evt = "ipc://" + (dir / "evt").string(),
                    clk = "ipc://" + (dir / "clk").string();
  std::string yaml = slurp(kConfig);
  const std::string plain = "  zmq:\n    enabled: false\n    command_endpoint: tcp://127.0.0.1:5555";
  const auto at = yaml.find(plain);
  INFO(kConfig << " changed: no '" << plain << "'");
  REQUIRE(at != std::string::npos);
  yaml.replace(at, plain.size(), "  zmq:\n    enabled: true\n    command_endpoint: " + cmd);
  const std::string plain_events = "event_endpoint: tcp://127.0.0.1:5556";
  yaml.replace(yaml.find(plain_events), plain_events.size(), "event_endpoint: " + evt);
  const fs::path config = dir / "alvh.yaml";
  std::ofstream(config) << yaml;
  const std::string data = std::string(ALVH_SOURCE_DIR) + "/data";

  // The broker reads the same config: its command and event endpoints are the configured ones.
  const pid_t broker = spawn({ALVH_PAPER_BROKER_PATH, "--config", config.string(), "--data", data, "--clock-endpoint", clk},
                             dir / "broker.log");
  alvh::test::wait_for_log(dir / "broker.log", "ready ", std::chrono::seconds(6));
  REQUIRE_THAT(slurp(dir / "broker.log"), Contains("ready "));
  const int no_journal = run({ALVH_HOST_PATH, "--plugin", ALVH_PLUGIN_PATH, "--config", config.string(), "--data", data,
                              "--broker-clock", clk, "--from", "2024-03-04", "--to", "2024-03-08"},
                             dir / "no_journal.log");
  const int host = run({ALVH_HOST_PATH, "--plugin", ALVH_PLUGIN_PATH, "--config", config.string(), "--data", data,
                        "--broker-clock", clk, "--journal", (dir / "journal.sqlite").string(), "--from", "2024-03-04",
                        "--to", "2024-03-08", "--out", (dir / "out").string()},
                       dir / "host.log");
  ::kill(broker, SIGTERM);
  wait_for(broker);
  INFO(slurp(dir / "host.log") << "\nbroker:\n" << slurp(dir / "broker.log"));
  CHECK(WEXITSTATUS(no_journal) == 2);
  CHECK_THAT(slurp(dir / "no_journal.log"), Contains("adapters.zmq is enabled"));
  REQUIRE(WIFEXITED(host));
  CHECK(WEXITSTATUS(host) == 0);
  CHECK_THAT(slurp(dir / "host.log"), Contains("orders to the paper broker at " + cmd));
  CHECK(!rows_of(dir / "out" / "trades.csv", "condors+alvh:vega_ratio").empty());  // it traded
  fs::remove_all(dir);
}

TEST_CASE("a host killed with SIGKILL at seeded random points and restarted loses no order, sends none twice and ends with the positions of an uninterrupted run") {
  const std::string from = "2024-02-01", to = "2024-02-29";
  // Uninterrupted reference.
  const fs::path ref = fresh_dir("ref");
  std::vector<alvh::Position> ref_positions;
  {
    Broker broker(ref);
    auto args = broker.host_args(ref, from, to);
    args.insert(args.end(), {"--out", (ref / "out").string()});
    const int st = run(args, ref / "host.log");
    INFO(slurp(ref / "host.log"));
    REQUIRE(WEXITSTATUS(st) == 0);
  }
  // Interrupted: SIGKILL at crash points drawn from a seeded generator (after a journal write,
  // after the broker answered, before a clock, at a day checkpoint...), restart, repeat.
  const fs::path dir = fresh_dir("killed");
  std::mt19937 rng(20240229);
  std::uniform_int_distribution<long> point(1, 45);
  std::vector<long> kills;
  {
    Broker broker(dir);
    int killed = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
      const long k = point(rng);
      kills.push_back(k);
      auto args = broker.host_args(dir, from, to);
      args.insert(args.end(), {"--kill-at", std::to_string(k)});
      const int st = run(args, dir / "host.log");
      if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) ++killed;
      else REQUIRE(WEXITSTATUS(st) == 0);
    }
    CAPTURE(kills);
    CHECK(killed >= 5);
    auto args = broker.host_args(dir, from, to);
    args.insert(args.end(), {"--out", (dir / "out").string()});
    const int st = run(args, dir / "host.log");
    INFO(slurp(dir / "host.log"));
    REQUIRE(WEXITSTATUS(st) == 0);
    CHECK_THAT(slurp(dir / "host.log"), Contains("state    ACTIVE"));
  }
  CAPTURE(kills);
  // None sent twice: the broker recorded every client order id once; none lost: the same ids as
  // the uninterrupted run (ids are deterministic), every one finished in the journal.
  const auto ref_orders = broker_orders(ref / "broker-state.jsonl");
  const auto orders = broker_orders(dir / "broker-state.jsonl");
  REQUIRE(!ref_orders.empty());
  for (const auto& [id, n] : orders) {
    CAPTURE(id);
    CHECK(n == 1);
  }
  std::set<std::string> ref_ids, ids;
  for (const auto& [id, n] : ref_orders) ref_ids.insert(id);
  for (const auto& [id, n] : orders) ids.insert(id);
  CHECK(ids == ref_ids);
  alvh::journal::Journal ref_journal(ref / "journal.sqlite"), journal(dir / "journal.sqlite");
  CHECK(journal.open_intents().empty());
  CHECK(journal.intents().size() == ref_journal.intents().size());
  // Same final positions, and the same trades booked.
  const auto a = ref_journal.positions(), b = journal.positions();
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CAPTURE(alvh::symbol(a[i].instrument), a[i].quantity, b[i].quantity);
    CHECK(alvh::symbol(a[i].instrument) == alvh::symbol(b[i].instrument));
    CHECK(a[i].quantity == b[i].quantity);
  }
  CHECK(slurp(dir / "out" / "trades.csv") == slurp(ref / "out" / "trades.csv"));
  fs::remove_all(ref);
  fs::remove_all(dir);
}

TEST_CASE("alvh paper refuses wrong arguments with one line and exit status 2") {
  const fs::path dir = fresh_dir("args");
  const int st = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", "2024-13-01"}, dir / "log");
  CHECK(WEXITSTATUS(st) == 2);
  const std::string text = slurp(dir / "log");
  CHECK_THAT(text, Contains("--from"));
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  const int st2 = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--transport", "udp"}, dir / "log2");
  CHECK(WEXITSTATUS(st2) == 2);
  fs::remove_all(dir);
}
