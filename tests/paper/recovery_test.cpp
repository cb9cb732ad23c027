// Crash recovery of `alvh paper` as a user meets it (docs/paper.md, "Recovery guarantee"): a process
// of the session dies by SIGKILL, then the real `alvh paper --resume` starts new processes and must
// end with the trades and daily records of an uninterrupted run, the journal and the backend
// agreeing. CI runs a seeded sample (ctest label `recovery`); scripts/recovery-sweep tries every
// kill point and scripts/recovery-soak the long random-kill soak.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../support/child_process.hpp"

namespace {

namespace fs = std::filesystem;
using alvh::test::slurp;
using alvh::test::spawn;
using alvh::test::wait_for;

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";
const std::string kFrom = "2019-01-02", kTo = "2019-02-28";  // two months: 36 orders, settlements of both families

std::vector<std::string> paper(const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> a{ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", kFrom, "--to", kTo, "--out", out.string(),
                             "--quiet", "--plugin", ALVH_PLUGIN_PATH};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

// The uninterrupted run every recovered one is compared with (run once per test process, removed
// when the process exits).
struct Reference {
  fs::path dir = alvh::test::fresh_dir("recovery", "reference");
  Reference() {
    const int st = wait_for(spawn(paper(dir / "out"), dir / "run.log"));
    INFO(slurp(dir / "run.log"));
    REQUIRE(WIFEXITED(st));
    REQUIRE(WEXITSTATUS(st) == 0);
  }
  ~Reference() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};
fs::path reference() {
  static const Reference ref;
  return ref.dir / "out";
}

// Client order ids the broker recorded more than once (an order sent twice would be one).
std::set<std::string> recorded_twice(const fs::path& state) {
  std::set<std::string> seen, twice;
  std::ifstream in(state);
  const std::string key = "{\"accepted\":";
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(key)) continue;
    const auto at = line.find("\"client_order_id\":\"");
    if (at == std::string::npos) continue;
    const auto start = at + 19;
    const std::string id = line.substr(start, line.find('"', start) - start);
    if (!seen.insert(id).second) twice.insert(id);
  }
  return twice;
}

// The resumed session ended as the reference did: same files, ACTIVE, books agreeing, nothing twice.
void check_recovered(const fs::path& out, const std::string& resume_log) {
  INFO(resume_log);
  CHECK_THAT(resume_log, Catch::Matchers::Contains("state    ACTIVE"));
  CHECK_THAT(resume_log, Catch::Matchers::Contains("at the end: consistent") || Catch::Matchers::Contains("reconcile consistent"));
  CHECK(slurp(out / "trades.csv") == slurp(reference() / "trades.csv"));
  CHECK(slurp(out / "daily.csv") == slurp(reference() / "daily.csv"));
  CHECK(recorded_twice(out / "broker-state.jsonl").empty());
}

// Kills `which` (host or broker) at crash point `point`, then resumes; false when the session ended
// before that point.
bool kill_and_resume(const std::string& which, long point) {
  const fs::path d = alvh::test::fresh_dir("recovery", which + "-" + std::to_string(point));
  const int killed = wait_for(spawn(paper(d / "out", {"--" + which + "-kill-at", std::to_string(point)}), d / "killed.log"));
  if (WIFEXITED(killed) && WEXITSTATUS(killed) == 0) {
    fs::remove_all(d);
    return false;
  }
  INFO(slurp(d / "killed.log"));
  CHECK_THAT(slurp(d / "killed.log"), Catch::Matchers::Contains("SIGKILL"));
  const int st = wait_for(spawn(paper(d / "out", {"--resume"}), d / "resume.log"));
  CHECK(WIFEXITED(st));
  CHECK(WEXITSTATUS(st) == 0);
  check_recovered(d / "out", slurp(d / "resume.log"));
  fs::remove_all(d);
  return true;
}

}  // namespace

TEST_CASE("a host killed right after a durable write at sampled points of a two-month session recovers under alvh paper --resume with identical trades and daily records", "[recovery]") {
  std::mt19937 rng(15);
  std::uniform_int_distribution<long> point(1, 700);  // the session has 701 host crash points (scripts/recovery-sweep)
  std::vector<long> points{1, 2, 3};
  for (int i = 0; i < 5; ++i) points.push_back(point(rng));
  int tried = 0;
  for (long p : points) {
    CAPTURE(p);
    tried += kill_and_resume("host", p);
  }
  CHECK(tried >= 6);
}

TEST_CASE("a broker killed before a state-file write at sampled points of a two-month session recovers under alvh paper --resume with identical trades and daily records", "[recovery]") {
  std::mt19937 rng(15);
  std::uniform_int_distribution<long> point(1, 330);  // the session has 325 broker state-file writes
  std::vector<long> points{1, 2};
  for (int i = 0; i < 5; ++i) points.push_back(point(rng));
  int tried = 0;
  for (long p : points) {
    CAPTURE(p);
    tried += kill_and_resume("broker", p);
  }
  CHECK(tried >= 5);
}

TEST_CASE("SIGKILLs at seeded random moments of the supervisor, the host and the broker, several during resumes, end with the uninterrupted run's trades and daily records", "[recovery]") {
  const fs::path d = alvh::test::fresh_dir("recovery", "soak");
  const fs::path out = d / "out";
  (void)reference();
  std::mt19937 rng(2018);
  std::uniform_int_distribution<int> delay_ms(50, 1500), victim(0, 2);
  auto unfinished = [&] { return fs::exists(out / "paper-session.txt") && slurp(out / "paper-session.txt").find("finished") == std::string::npos; };
  auto child = [](pid_t parent, const std::string& name) -> pid_t {
    std::ifstream in("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) + "/children");
    for (pid_t c = 0; in >> c;)
      if (slurp("/proc/" + std::to_string(c) + "/comm").starts_with(name)) return c;
    return 0;
  };
  // Trials: a fresh session killed at random moments until a run ends it; then compared.
  int kills = 0, trials = 0;
  std::vector<std::string> what;
  for (int run = 0; run < 16 && (kills < 4 || fs::exists(out)); ++run) {
    const std::string log = "run-" + std::to_string(run) + ".log";
    const pid_t sup = spawn(paper(out, unfinished() ? std::vector<std::string>{"--resume"} : std::vector<std::string>{}), d / log);
    const int ms = kills < 4 ? delay_ms(rng) : 600000;
    auto running = [sup] {
      siginfo_t info{};
      return ::waitid(P_PID, static_cast<id_t>(sup), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
    };
    for (int waited = 0; waited < ms && running(); waited += 10) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const pid_t host = child(sup, "alvh-host"), broker = child(sup, "alvh-paper-br");
    pid_t target = sup;
    std::string name = "supervisor";
    const int v = victim(rng);
    if (v == 1 && host) target = host, name = "alvh-host";
    if (v == 2 && broker) target = broker, name = "alvh-paper-broker";
    if (kills < 4) ::kill(target, SIGKILL);
    const int st = wait_for(sup);
    // The children of a killed supervisor die with it; wait until they are gone (the account lock).
    alvh::test::poll_until([&] { return !(host && ::kill(host, 0) == 0) && !(broker && ::kill(broker, 0) == 0); },
                           std::chrono::seconds(5), std::chrono::milliseconds(25));
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {  // this run ended the session: the trial is over
      ++trials;
      INFO("trial " << trials << " after kills: " << ::Catch::Detail::stringify(what));
      check_recovered(out, slurp(d / log));
      fs::remove_all(out);
      continue;
    }
    INFO(slurp(d / log));
    REQUIRE(WIFSIGNALED(st) != (name != "supervisor"));  // killed, or reported its child's death
    ++kills;
    what.push_back(name + " after " + std::to_string(ms) + " ms of run " + std::to_string(run));
  }
  CAPTURE(what);
  CHECK(kills >= 4);
  CHECK(trials >= 1);
  CHECK_FALSE(fs::exists(out));  // the last trial ended its session
  fs::remove_all(d);
}
