// `alvh paper` owns its children: they die with it, their ipc directory goes with them, a session
// it did not finish is neither continued nor deleted without being asked to, a run refused for a
// bad input writes nothing, and a child that dies is reported by name and cause.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "../support/child_process.hpp"

namespace {

namespace fs = std::filesystem;
using alvh::test::slurp;
using alvh::test::spawn;
using alvh::test::wait_for;
using Catch::Matchers::Contains;

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";
const std::string kData = std::string(ALVH_SOURCE_DIR) + "/data";

fs::path fresh_dir(const std::string& name) { return alvh::test::fresh_dir("supervisor", name); }

int run(const std::vector<std::string>& args, const fs::path& log) { return wait_for(spawn(args, log)); }

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  return alvh::test::poll_until(done, limit, std::chrono::milliseconds(20));
}

// The state letter and parent of a process from /proc (state 'X' when it is gone).
struct ProcState {
  char state = 'X';
  pid_t ppid = 0;
  std::string comm;
};
ProcState proc_state(pid_t pid) {
  const std::string text = slurp(fs::path("/proc") / std::to_string(pid) / "stat");
  const auto open = text.find('('), close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close + 4 > text.size()) return {};
  ProcState s;
  s.comm = text.substr(open + 1, close - open - 1);
  s.state = text[close + 2];
  s.ppid = static_cast<pid_t>(std::stol(text.substr(close + 4)));
  return s;
}
// Gone, or a zombie waiting for a reaper: either way it no longer runs.
bool ended(pid_t pid) {
  const char s = proc_state(pid).state;
  return s == 'X' || s == 'Z';
}

std::map<pid_t, std::string> children_of(pid_t parent) {
  std::map<pid_t, std::string> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    const ProcState s = proc_state(pid);
    if (s.ppid == parent && s.state != 'Z' && s.state != 'X') out[pid] = s.comm;
  }
  return out;
}

// The ipc directory named in the broker's ready line ("ready command=ipc://<dir>/command ...").
fs::path ipc_dir_in(const std::string& log) {
  const std::string key = "command=ipc://";
  const auto at = log.find(key);
  if (at == std::string::npos) return {};
  const auto end = log.find("/command", at + key.size());
  return log.substr(at + key.size(), end - at - key.size());
}

// Every file under `dir` with its size, modification time and content.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    out[fs::relative(e.path(), dir).string()] =
        std::to_string(e.file_size()) + "@" + std::to_string(e.last_write_time().time_since_epoch().count()) + ":" +
        slurp(e.path());
  }
  return out;
}

struct KilledSession {
  fs::path out, ipc_dir;
  std::map<pid_t, std::string> children;
  std::string log;
};

// Starts a slow two-year session in `dir`/out and kills the supervisor with SIGKILL once the host
// has opened its journal.
KilledSession kill_supervisor_mid_session(const fs::path& dir) {
  KilledSession k;
  k.out = dir / "out";
  const fs::path log = dir / "paper.log";
  const pid_t sup = spawn({ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", "2019-01-02", "--to", "2020-12-31",
                           "--speed", "20", "--quiet", "--out", k.out.string()},
                          log);
  const bool started = wait_until([&] { return slurp(log).find("journal  ") != std::string::npos; }, std::chrono::seconds(60));
  k.log = slurp(log);
  INFO(k.log);
  REQUIRE(started);
  k.children = children_of(sup);
  k.ipc_dir = ipc_dir_in(k.log);
  ::kill(sup, SIGKILL);
  const int st = wait_for(sup);
  REQUIRE(WIFSIGNALED(st));
  return k;
}

std::string typo_config(const fs::path& dir) {
  std::string yaml = slurp(kConfig);
  const auto at = yaml.find("\ncondor:");
  INFO(kConfig << " changed: no 'condor:' section");
  REQUIRE(at != std::string::npos);
  yaml.replace(at, 8, "\ncondr:");
  const fs::path file = dir / "typo.yaml";
  std::ofstream(file) << yaml;
  return file.string();
}

}  // namespace

TEST_CASE("alvh paper killed with SIGKILL takes alvh-host and alvh-paper-broker with it and its ipc directory is removed") {
  const fs::path dir = fresh_dir("kill9");
  const KilledSession k = kill_supervisor_mid_session(dir);
  INFO(k.log);
  std::vector<std::string> names;
  for (const auto& [pid, comm] : k.children) names.push_back(comm);
  CAPTURE(names, k.ipc_dir);
  REQUIRE(k.children.size() >= 2);
  bool host = false, broker = false;
  for (const auto& [pid, comm] : k.children) {
    host = host || comm == "alvh-host";
    broker = broker || comm.starts_with("alvh-paper-brok");  // comm keeps 15 characters
  }
  CHECK(host);
  CHECK(broker);
  REQUIRE(!k.ipc_dir.empty());
  for (const auto& [pid, comm] : k.children) {
    CAPTURE(pid, comm);
    CHECK(wait_until([pid = pid] { return ended(pid); }, std::chrono::seconds(10)));
  }
  CHECK(wait_until([&] { return !fs::exists(k.ipc_dir); }, std::chrono::seconds(10)));
  // The session is left unfinished, to be continued with --resume.
  CHECK(slurp(k.out / "paper-session.txt").starts_with("status: running\n"));
  CHECK(fs::exists(k.out / "journal.sqlite"));
  fs::remove_all(dir);
}

TEST_CASE("on an unfinished --out a typo'd config, a missing --resume and a truncated plug-in are refused and change nothing") {
  const fs::path dir = fresh_dir("refuse");
  const KilledSession k = kill_supervisor_mid_session(dir);
  for (const auto& [pid, comm] : k.children) REQUIRE(wait_until([pid = pid] { return ended(pid); }, std::chrono::seconds(10)));
  const auto before = snapshot(k.out);
  REQUIRE(before.count("journal.sqlite") == 1);
  const std::string typo = typo_config(dir);
  const fs::path truncated = dir / "truncated.so";
  {
    std::ifstream in(ALVH_PLUGIN_PATH, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(fs::file_size(ALVH_PLUGIN_PATH) / 2), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::ofstream(truncated, std::ios::binary) << bytes;
  }
  struct Case {
    std::string what;
    std::vector<std::string> extra;
    int status;
    std::string message;
  };
  const std::vector<Case> cases{
      {"typo'd config, no --resume", {"--config", typo}, 1, "typo.yaml:"},
      {"typo'd config with --resume", {"--config", typo, "--resume"}, 1, "unknown key 'condr'"},
      {"no --resume", {"--config", kConfig}, 2, "holds an unfinished paper session"},
      {"truncated plug-in with --resume", {"--config", kConfig, "--resume", "--plugin", truncated.string()}, 1, "truncated"},
      {"missing data with --resume", {"--config", kConfig, "--resume", "--data", (dir / "no-data").string()}, 1,
       "spx_daily.csv:0:0: cannot open file"},
      {"--resume with --fresh", {"--config", kConfig, "--resume", "--fresh"}, 2, "--fresh contradicts --resume"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{ALVH_CLI_PATH, "paper", "--out", k.out.string(), "--from", "2019-01-02", "--to", "2020-12-31", "--quiet"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const fs::path log = dir / "refused.log";
    fs::remove(log);
    const int st = run(args, log);
    const std::string text = slurp(log);
    CAPTURE(c.what, text);
    CHECK(WIFEXITED(st));
    CHECK(WEXITSTATUS(st) == c.status);
    CHECK_THAT(text, Contains(c.message));
    CHECK(snapshot(k.out) == before);
  }
  CHECK_THAT(slurp(dir / "refused.log"), !Contains("PAPER TRADING"));

  // --fresh discards it and starts a new session, which then finishes.
  const int st = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--out", k.out.string(), "--from", "2024-01-02", "--to",
                      "2024-01-12", "--quiet", "--fresh"},
                     dir / "fresh.log");
  INFO(slurp(dir / "fresh.log"));
  CHECK(WEXITSTATUS(st) == 0);
  CHECK(slurp(k.out / "paper-session.txt").starts_with("status: finished\n"));
  CHECK_THAT(slurp(k.out / "paper-session.txt"), Contains("from: 2024-01-02"));
  // A finished session is no obstacle: the next run starts over without being asked.
  const int again = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--out", k.out.string(), "--from", "2024-01-02",
                         "--to", "2024-01-05", "--quiet"},
                        dir / "again.log");
  INFO(slurp(dir / "again.log"));
  CHECK(WEXITSTATUS(again) == 0);
  fs::remove_all(dir);
}

TEST_CASE("a run refused for a bad input does not create its --out") {
  const fs::path dir = fresh_dir("nothing");
  const std::string typo = typo_config(dir);
  const fs::path text_plugin = dir / "text.so";
  std::ofstream(text_plugin) << "not a library\n";
  const std::vector<std::vector<std::string>> refused{
      {"--config", typo},
      {"--config", (dir / "no-such.yaml").string()},
      {"--config", kConfig, "--data", (dir / "no-data").string()},
      {"--config", kConfig, "--plugin", text_plugin.string()},
      {"--config", kConfig, "--plugin", (dir / "missing.so").string()},
      {"--config", kConfig, "--market-data", "tcp://127.0.0.1", "--market-data-snapshot", "tcp://127.0.0.1:5561"},
      {"--config", kConfig, "--backend", "udp://127.0.0.1:5555", "--backend-events", "tcp://127.0.0.1:5556"},
      {"--config", kConfig, "--log", "loud"},
      {"--config", kConfig, "--resume"},
  };
  for (const auto& extra : refused) {
    std::vector<std::string> args{ALVH_CLI_PATH, "paper", "--out", (dir / "out").string(), "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    const int st = run(args, dir / "log");
    CAPTURE(extra, slurp(dir / "log"));
    CHECK(WIFEXITED(st));
    CHECK(WEXITSTATUS(st) != 0);
    CHECK_FALSE(fs::exists(dir / "out"));
  }
  fs::remove_all(dir);
}

TEST_CASE("alvh paper needs --backend and --backend-events together and names the missing one") {
  const fs::path dir = fresh_dir("backend");
  const int a = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--out", (dir / "out").string(), "--backend",
                     "tcp://127.0.0.1:5555"},
                    dir / "a.log");
  CHECK(WEXITSTATUS(a) == 2);
  CHECK_THAT(slurp(dir / "a.log"), Contains("--backend needs --backend-events"));
  const int b = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--out", (dir / "out").string(), "--backend-events",
                     "tcp://127.0.0.1:5556"},
                    dir / "b.log");
  CHECK(WEXITSTATUS(b) == 2);
  CHECK_THAT(slurp(dir / "b.log"), Contains("--backend-events needs --backend"));
  const int help = run({ALVH_CLI_PATH, "paper", "--help"}, dir / "help.log");
  CHECK(WEXITSTATUS(help) == 0);
  CHECK_THAT(slurp(dir / "help.log"), Contains("--backend-events") && Contains("--fresh"));
  CHECK_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST_CASE("a plug-in that crashes in a callback is reported by alvh paper with the signal, the callback and the journal") {
  const fs::path dir = fresh_dir("crash");
  const fs::path out = dir / "out";
  const int st = run({ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", "2024-01-02", "--to", "2024-01-31", "--quiet",
                      "--out", out.string(), "--plugin", ALVH_FIXTURE_CRASH_IN_CALLBACK},
                     dir / "paper.log");
  const std::string log = slurp(dir / "paper.log");
  INFO(log);
  REQUIRE(WIFEXITED(st));
  CHECK(WEXITSTATUS(st) == 1);
  CHECK_THAT(log, Contains("alvh-host (pid ") && Contains(") died of SIGSEGV in the plug-in's on_daily_bar; the journal "));
  CHECK_THAT(log, Contains("holds no order yet") || Contains("is consistent up to order"));
  CHECK_THAT(log, Contains("--resume"));
  // The broker was stopped and the ipc directory removed; the session stays unfinished.
  const fs::path ipc = ipc_dir_in(log);
  REQUIRE(!ipc.empty());
  CHECK_FALSE(fs::exists(ipc));
  CHECK(slurp(out / "paper-session.txt").starts_with("status: running\n"));
  fs::remove_all(dir);
}
