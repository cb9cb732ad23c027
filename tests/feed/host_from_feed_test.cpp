// alvh-host driven by alvh-feed over ZeroMQ books the same trades as alvh-host replaying the same
// history in-process, both against alvh-paper-broker. Real executables, ipc endpoints.
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

namespace {

namespace fs = std::filesystem;
using alvh::test::slurp;
using alvh::test::spawn;
using alvh::test::wait_for;
fs::path fresh_dir(const std::string& name) { return alvh::test::fresh_dir("feed", name); }

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

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
    for (int i = 0; i < 1500 && slurp(log).find("ready ") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(slurp(log).find("ready ") != std::string::npos);
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
  CHECK(host_log.find("market   10 days from " + pub) != std::string::npos);
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
