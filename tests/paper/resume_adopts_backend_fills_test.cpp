// Reconciliation acts (docs/paper.md, "What --resume does"): a host killed after its order reached
// the backend and before it journaled the fill resumes by booking the backend's recorded outcome
// (the snapshot's optional finished_orders) without sending the order again; an order the backend
// never saw is sent again; a backend that keeps no finished_orders gets the in-flight order re-sent
// and answers it as a duplicate with its recorded outcome. The backend is examples/python_backend.py
// (no clock, never settles), which prints one line per submit it receives (--log-orders), so the
// test counts what reached it.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "../support/child_process.hpp"
#include "alvh/journal/journal.hpp"

namespace {

namespace fs = std::filesystem;
using alvh::test::slurp;
using alvh::test::spawn;
using alvh::test::wait_for;
using Catch::Matchers::Contains;

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";
const std::string kFrom = "2024-01-02", kTo = "2024-01-31";  // one month: 30 orders, the first kill points in its second day

bool python_with_zmq() {
  if (!fs::exists(ALVH_PYTHON3)) return false;
  const fs::path log = fs::temp_directory_path() / ("alvh-pyzmq-probe-" + std::to_string(::getpid()));
  const int st = wait_for(spawn({ALVH_PYTHON3, "-c", "import zmq"}, log));
  fs::remove(log);
  return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// One Python backend process in `dir`, stopped at scope exit; its log lists every submit it received.
struct Backend {
  fs::path dir;
  std::string command, events;
  pid_t pid = -1;
  Backend(const fs::path& d, const std::vector<std::string>& extra = {})
      : dir(d), command("ipc://" + (d / "command").string()), events("ipc://" + (d / "events").string()) {
    std::vector<std::string> args{ALVH_PYTHON3, ALVH_PYTHON_BACKEND, "--command-endpoint", command, "--event-endpoint",
                                  events, "--account", "paper", "--log-orders"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid = spawn(args, log());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (slurp(log()).find("ready command=") == std::string::npos && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    INFO(slurp(log()));
    REQUIRE_THAT(slurp(log()), Contains("ready command="));
  }
  ~Backend() {
    ::kill(pid, SIGTERM);
    wait_for(pid);
  }
  fs::path log() const { return dir / "backend.log"; }
  std::string orders() const { return slurp(log()); }
};

// `alvh paper` against `b`, output in b.dir/out; returns the wait status.
int paper(const Backend& b, const std::string& log, std::vector<std::string> extra = {}) {
  std::vector<std::string> a{ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", kFrom, "--to", kTo, "--out", (b.dir / "out").string(),
                             "--quiet", "--plugin", ALVH_PLUGIN_PATH, "--backend", b.command, "--backend-events", b.events};
  a.insert(a.end(), extra.begin(), extra.end());
  return wait_for(spawn(a, b.dir / log));
}

// The uninterrupted run (once per test process).
struct Reference {
  fs::path dir = alvh::test::fresh_dir("resume-adopt", "reference");
  std::size_t orders = 0;
  Reference() {
    Backend b(dir);
    const int st = paper(b, "run.log");
    INFO(slurp(dir / "run.log"));
    REQUIRE(WIFEXITED(st));
    REQUIRE(WEXITSTATUS(st) == 0);
    orders = count(b.orders(), " filled\n");
  }
  ~Reference() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  fs::path out() const { return dir / "out"; }
};
const Reference& reference() {
  static const Reference ref;
  return ref;
}

// What a host kill at one crash point left: the journal's one open intent (past the first day's
// checkpoint) and whether the backend had filled it.
struct KillPoint {
  long point = 0;
  std::string in_flight;
  bool filled_by_backend = false;
};

std::optional<KillPoint> inspect(const fs::path& out, const std::string& backend_orders, long point) {
  alvh::journal::Journal j(out / "journal.sqlite");
  const auto open = j.open_intents();
  if (!j.state("paper_host") || open.size() != 1 || open[0].status != alvh::journal::IntentStatus::Pending) return std::nullopt;
  return KillPoint{point, open[0].id, backend_orders.find("order " + open[0].id + " filled") != std::string::npos};
}

// The first crash points past the first day's checkpoint where the host dies with one order in
// flight that the backend never saw (unseen) and one it had filled (filled). Found once by killing
// a fresh session at successive points (large steps until the checkpoint exists).
struct KillPoints {
  std::optional<KillPoint> unseen, filled;
  KillPoints() {
    const fs::path root = alvh::test::fresh_dir("resume-adopt", "scan");
    bool checkpointed = false;
    for (long k = 1; k < 400 && !filled; k += checkpointed ? 1 : 4) {
      const fs::path d = root / std::to_string(k);
      fs::create_directories(d);
      Backend b(d);
      const int st = paper(b, "killed.log", {"--host-kill-at", std::to_string(k)});
      if (WIFEXITED(st) && WEXITSTATUS(st) == 0) break;  // the session ended before that point
      if (!fs::exists(d / "out" / "journal.sqlite")) continue;
      checkpointed = checkpointed || alvh::journal::Journal(d / "out" / "journal.sqlite").state("paper_host").has_value();
      if (auto p = inspect(d / "out", b.orders(), k)) (p->filled_by_backend ? filled : unseen) = p;
    }
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};
const KillPoints& kill_points() {
  static const KillPoints points;
  return points;
}

// Kills the host at `point` against a fresh backend started with `backend_args`, then resumes it
// against the same backend. Returns the backend's log of received submits and the resume's log.
struct Resumed {
  std::string orders, log, in_flight;
  bool filled_while_down = false;
};
Resumed kill_and_resume(const std::string& name, long point, const std::vector<std::string>& backend_args = {}) {
  const fs::path d = alvh::test::fresh_dir("resume-adopt", name);
  Resumed r;
  {
    Backend b(d, backend_args);
    paper(b, "killed.log", {"--host-kill-at", std::to_string(point)});
    INFO(slurp(d / "killed.log"));
    REQUIRE_THAT(slurp(d / "killed.log"), Contains("SIGKILL"));
    const auto p = inspect(d / "out", b.orders(), point);
    REQUIRE(p);
    r.in_flight = p->in_flight;
    r.filled_while_down = p->filled_by_backend;
    const int st = paper(b, "resume.log", {"--resume"});
    r.log = slurp(d / "resume.log");
    r.orders = b.orders();
    INFO(r.log);
    CHECK(WIFEXITED(st));
    CHECK(WEXITSTATUS(st) == 0);
    CHECK(slurp(d / "out" / "trades.csv") == slurp(reference().out() / "trades.csv"));
    CHECK(slurp(d / "out" / "daily.csv") == slurp(reference().out() / "daily.csv"));
  }
  fs::remove_all(d);
  return r;
}

}  // namespace

TEST_CASE("a host killed after its order reached the backend and before it heard the fill resumes by booking the backend's recorded fill, never sending the order again", "[recovery][backend]") {
  if (!python_with_zmq()) {
    WARN("skipped: " << ALVH_PYTHON3 << " with pyzmq (Debian: python3-zmq) is not available");
    return;
  }
  const auto& points = kill_points();
  REQUIRE(points.filled);
  CAPTURE(points.filled->point, points.filled->in_flight);
  const Resumed r = kill_and_resume("filled", points.filled->point);
  INFO(r.log);
  INFO(r.orders);
  REQUIRE(r.filled_while_down);
  // One submit of the in-flight order reached the backend (before the kill), none after; no order
  // at all was repeated, and the backend filled as many orders as in the uninterrupted run.
  CHECK(count(r.orders, "order " + r.in_flight + " filled\n") == 1);
  CHECK(count(r.orders, " duplicate\n") == 0);
  CHECK(count(r.orders, " filled\n") == reference().orders);
  CHECK_THAT(r.log, Contains("1 adopted from the backend's record"));
  CHECK_THAT(r.log, Contains("its recorded outcome is adopted, the order is not resent"));
  CHECK_THAT(r.log, Contains("state    ACTIVE"));
  CHECK_THAT(r.log, Contains("at the end: consistent"));
}

TEST_CASE("a host killed after journaling an order the backend never saw resends it under the same id on resume", "[recovery][backend]") {
  if (!python_with_zmq()) {
    WARN("skipped: " << ALVH_PYTHON3 << " with pyzmq (Debian: python3-zmq) is not available");
    return;
  }
  const auto& points = kill_points();
  REQUIRE(points.unseen);
  CAPTURE(points.unseen->point, points.unseen->in_flight);
  const Resumed r = kill_and_resume("unseen", points.unseen->point);
  INFO(r.log);
  INFO(r.orders);
  REQUIRE_FALSE(r.filled_while_down);
  CHECK(count(r.orders, "order " + r.in_flight + " filled\n") == 1);  // sent once: by the resume
  CHECK(count(r.orders, " duplicate\n") == 0);
  CHECK(count(r.orders, " filled\n") == reference().orders);
  CHECK_THAT(r.log, Contains("0 adopted from the backend's record"));
  CHECK_THAT(r.log, Contains("state    ACTIVE"));
  CHECK_THAT(r.log, Contains("at the end: consistent"));
}

TEST_CASE("a backend without finished_orders in its snapshot gets the in-flight order re-sent and answers it as a duplicate with its recorded outcome", "[recovery][backend]") {
  if (!python_with_zmq()) {
    WARN("skipped: " << ALVH_PYTHON3 << " with pyzmq (Debian: python3-zmq) is not available");
    return;
  }
  const auto& points = kill_points();
  REQUIRE(points.filled);
  CAPTURE(points.filled->point, points.filled->in_flight);
  const Resumed r = kill_and_resume("fallback", points.filled->point, {"--no-finished-orders"});
  INFO(r.log);
  INFO(r.orders);
  REQUIRE(r.filled_while_down);
  CHECK(count(r.orders, "order " + r.in_flight + " filled\n") == 1);  // executed once
  CHECK(count(r.orders, "order " + r.in_flight + " duplicate\n") == 1);
  CHECK(count(r.orders, " duplicate\n") == 1);
  CHECK_THAT(r.log, Contains("0 adopted from the backend's record"));
  CHECK_THAT(r.log, Contains("state    ACTIVE"));
  CHECK_THAT(r.log, Contains("at the end: consistent"));
}
