// `alvh paper --backend`: the session trades through an execution backend written from
// docs/protocol.md alone (examples/python_backend.py: no replay clock, fills every order at its
// limit, $0.65 per contract, never settles). The host books what the backend reports.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../support/child_process.hpp"

namespace fs = std::filesystem;
using alvh::test::slurp;

namespace {

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

bool python_with_zmq() {
  if (!fs::exists(ALVH_PYTHON3)) return false;
  const fs::path log = fs::temp_directory_path() / ("alvh-pyzmq-probe-" + std::to_string(::getpid()));
  const int st = alvh::test::wait_for(alvh::test::spawn({ALVH_PYTHON3, "-c", "import zmq"}, log));
  fs::remove(log);
  return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

// Polls the backend's log for its "ready" line (no fixed sleep).
bool wait_ready(const fs::path& log, std::chrono::seconds limit) { return alvh::test::wait_for_log(log, "ready command=", limit); }

std::vector<std::vector<std::string>> csv_rows(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace

TEST_CASE("alvh paper --backend trades two months through the Python example backend and books the backend's prices",
          "[paper][backend]") {
  if (!python_with_zmq()) {
    WARN("skipped: " << ALVH_PYTHON3 << " with pyzmq (Debian: python3-zmq) is not available");
    return;
  }
  const fs::path dir = alvh::test::fresh_dir("paper-backend", "py");
  const std::string command = "ipc://" + (dir / "command").string(), events = "ipc://" + (dir / "events").string();
  const pid_t backend = alvh::test::spawn({ALVH_PYTHON3, ALVH_PYTHON_BACKEND, "--command-endpoint", command, "--event-endpoint",
                                           events, "--account", "paper", "--commission", "0.65"},
                                          dir / "backend.log");
  REQUIRE(wait_ready(dir / "backend.log", std::chrono::seconds(10)));
  const std::string from = "2024-01-02", to = "2024-02-29";
  const int st = alvh::test::wait_for(alvh::test::spawn({ALVH_CLI_PATH, "paper", "--config", kConfig, "--from", from, "--to", to,
                                                         "--out", (dir / "out").string(), "--backend", command,
                                                         "--backend-events", events, "--quiet"},
                                                        dir / "paper.log"));
  ::kill(backend, SIGTERM);
  alvh::test::wait_for(backend);
  const std::string log = slurp(dir / "paper.log");
  INFO(log);
  REQUIRE(WIFEXITED(st));
  REQUIRE(WEXITSTATUS(st) == 0);
  CHECK_THAT(log, Catch::Matchers::Contains("state    ACTIVE"));
  CHECK_THAT(log, Catch::Matchers::Contains("orders to the execution backend"));

  // Every fill is the backend's: the condor's net sits on one leg at the order's limit, the other
  // legs at 0, and the fee is the backend's $0.65 per contract (the model would charge $1.25).
  const auto rows = csv_rows(dir / "out" / "trades.csv");
  REQUIRE(rows.size() > 40);
  int opens = 0, zero_priced = 0;
  for (const auto& r : rows) {
    REQUIRE(r.size() == 12);
    CAPTURE(r[1], r[7], r[8], r[9], r[10]);
    if (r[6] == "settle") continue;
    ++opens;
    const double quantity = std::stod(r[8]), price = std::stod(r[9]), fees = std::stod(r[10]);
    CHECK(fees == Approx(0.65 * std::abs(quantity)));
    if (price == 0) ++zero_priced;
  }
  CAPTURE(opens, zero_priced);
  CHECK(opens > 40);
  CHECK(zero_priced > opens / 2);  // three of a condor's four legs
  fs::remove_all(dir);
}
