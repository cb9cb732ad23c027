// `alvh sweep` end to end on a short date range: the table it writes, that the table does not
// depend on the number of threads, and a bad grid reported at the grid file's line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "alvh/runner/cli.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

struct Run {
  int status;
  std::string out, err;
};
Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int s = alvh::runner::run_cli(args, out, err);
  return {s, out.str(), err.str()};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("alvh_sweep_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path write_grid(const fs::path& dir, const std::string& text) {
  const fs::path p = dir / "grid.yaml";
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Four points: two strategy-only values (one shared replay) times two slippages (two replays).
const char* kGrid =
    "grid:\n"
    "  execution.slippage.spxw_per_leg: [0.05, 0.10]\n"
    "  ladder.vega_ratio: [0.15, 0.25]\n";

}  // namespace

TEST_CASE("alvh sweep writes one row per grid point and the same table with 1 and 2 threads") {
  const fs::path dir = scratch("jobs");
  const fs::path grid = write_grid(dir, kGrid);
  std::vector<std::string> args{"sweep", "--config", kConfig, "--grid", grid.string(), "--from", "2020-02-18",
                                "--to", "2020-03-31", "--quiet"};
  auto one = args, two = args;
  one.insert(one.end(), {"--jobs", "1", "--out", (dir / "one").string()});
  two.insert(two.end(), {"--jobs", "2", "--out", (dir / "two").string()});
  const Run a = run(one), b = run(two);
  INFO(a.err << b.err);
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK_THAT(a.out, Catch::Contains("4 points"));
  const std::string csv = slurp(dir / "one" / "sweep.csv");
  CHECK(csv == slurp(dir / "two" / "sweep.csv"));
  CHECK(slurp(dir / "one" / "sweep.html") == slurp(dir / "two" / "sweep.html"));

  const auto rows = lines_of(csv);
  REQUIRE(rows.size() == 5);
  CHECK_THAT(rows[0], Catch::StartsWith("point,execution.slippage.spxw_per_leg,ladder.vega_ratio,variant,cagr,"));
  for (const char* column : {"max_drawdown", "cvar99", "hedge_cost_per_year", "crash_days_loss_weighted",
                             "windows_loss_weighted"})
    CHECK_THAT(rows[0], Catch::Contains(column));
  CHECK_THAT(rows[1], Catch::StartsWith("1,0.05,0.15,condors+alvh:"));
  CHECK_THAT(rows[4], Catch::StartsWith("4,0.10,0.25,condors+alvh:"));
  // The stress run covers the 2020 window: a recovery figure on windows for every row.
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CAPTURE(rows[i]);
    CHECK_THAT(rows[i], Catch::Contains(",ungated,"));
  }
  // Different points give different results (the overrides reach the replay).
  CHECK(rows[1].substr(rows[1].find(",condors")) != rows[2].substr(rows[2].find(",condors")));
  CHECK(rows[1].substr(rows[1].find(",condors")) != rows[3].substr(rows[3].find(",condors")));
  fs::remove_all(dir);
}

TEST_CASE("alvh sweep reports a bad grid value at the grid file's line and writes nothing") {
  const fs::path dir = scratch("bad");
  const fs::path grid = write_grid(dir, "grid:\n  condor.wing_width: [25, 27]\n");
  const Run r = run({"sweep", "--config", kConfig, "--grid", grid.string(), "--out", (dir / "out").string(), "--quiet"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains(grid.string() + ":2:27: condor.wing_width:"));
  CHECK_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST_CASE("alvh sweep refuses a grid that varies the data directory") {
  const fs::path dir = scratch("datadir");
  const fs::path grid = write_grid(dir, "grid:\n  data.dir: [/tmp, /var]\n");
  const Run r = run({"sweep", "--config", kConfig, "--grid", grid.string(), "--out", (dir / "out").string(), "--quiet"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains(":2:"));
  CHECK_THAT(r.err, Catch::Contains("data.dir cannot vary"));
  fs::remove_all(dir);
}

TEST_CASE("alvh sweep needs a positive --jobs") {
  const Run r = run({"sweep", "--config", kConfig, "--grid", "g.yaml", "--out", "o", "--jobs", "0"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("--jobs"));
}
