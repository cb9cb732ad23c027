// Sweep grids: which points a grid file makes, and every way it can be wrong reported at the grid
// file's line and column with the config loader's own message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "alvh/config/sweep_grid.hpp"

using namespace alvh::config;

namespace {

const std::filesystem::path kBaseFile = std::filesystem::path(ALVH_SOURCE_DIR) / "config" / "alvh.yaml";

std::string base_text() {
  std::ifstream in(kBaseFile, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

SweepGridLoadResult load(const std::string& grid) {
  return load_sweep_grid_from_string(grid, "grid.yaml", base_text(), kBaseFile.string(), kBaseFile.parent_path());
}

struct Expected {
  std::string file;
  int line, column;
  std::string path, message;
};

void check_errors(const SweepGridLoadResult& r, const std::vector<Expected>& expected) {
  INFO(r.format_errors());
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(r.errors[i].file == expected[i].file);
    CHECK(r.errors[i].line == expected[i].line);
    CHECK(r.errors[i].column == expected[i].column);
    CHECK(r.errors[i].path == expected[i].path);
    CHECK_THAT(r.errors[i].message, Catch::Contains(expected[i].message));
  }
}

}  // namespace

TEST_CASE("a grid makes the cartesian product of its keys, the first key varying slowest") {
  const auto r = load(
      "grid:\n"
      "  ladder.vix_point_ratio: [0.15, 0.2, 0.25]\n"
      "  execution.slippage.spxw_per_leg: [0.05, 0.1]\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const auto& g = *r.grid;
  REQUIRE(g.points.size() == 6);
  CHECK(g.varying == std::vector<std::string>{"ladder.vix_point_ratio", "execution.slippage.spxw_per_leg"});
  CHECK(g.points[0].label() == "ladder.vix_point_ratio=0.15 execution.slippage.spxw_per_leg=0.05");
  CHECK(g.points[1].label() == "ladder.vix_point_ratio=0.15 execution.slippage.spxw_per_leg=0.1");
  CHECK(g.points[5].label() == "ladder.vix_point_ratio=0.25 execution.slippage.spxw_per_leg=0.1");
  CHECK(g.points[0].config.ladder.vix_point_ratio == 0.15);
  CHECK(g.points[5].config.ladder.vix_point_ratio == 0.25);
  CHECK(g.points[5].config.execution.spxw_slippage_per_leg == 0.1);
  // Keys the grid leaves alone keep the base file's values.
  CHECK(g.points[3].config.condor.wing_width == 25);
  CHECK(g.points[3].value_of("ladder.vix_point_ratio") == std::optional<std::string>("0.2"));
  CHECK(g.points[3].overrides[0].line == 2);
  CHECK(g.points[3].overrides[0].column == 34);
}

TEST_CASE("set: applies to every point and points: are added after the product") {
  const auto r = load(
      "set:\n"
      "  risk.daily_loss_limit: 20000\n"
      "grid:\n"
      "  condor.wing_width: [20, 30]\n"
      "points:\n"
      "  - {condor.wing_width: 50, ladder.sizing_mode: fixed_units}\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const auto& g = *r.grid;
  REQUIRE(g.points.size() == 3);
  for (const auto& p : g.points) CHECK(p.config.risk.daily_loss_limit == 20000);
  CHECK(g.points[0].config.condor.wing_width == 20);
  CHECK(g.points[2].config.condor.wing_width == 50);
  CHECK(g.points[2].config.ladder.sizing_mode == alvh::strategies::HedgeSizingMode::FixedUnits);
  CHECK(g.varying == std::vector<std::string>{"condor.wing_width", "ladder.sizing_mode"});
  CHECK_FALSE(g.points[0].value_of("ladder.sizing_mode"));
}

TEST_CASE("list entries are named by index or by their name, and whole sections can be replaced") {
  const auto r = load(
      "grid:\n"
      "  rules[condor_vix_gate].condition: ['vix > 20', 'vix > 25']\n"
      "  condor.vix_tiers[1].vix_below: [18]\n"
      "  ladder.layers.front: [{target_dte: 30, roll_floor_dte: 10, contracts_per_unit: 6, target_delta: 0.4, beta: 0.5}]\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const auto& g = *r.grid;
  REQUIRE(g.points.size() == 2);
  CHECK(g.points[1].overrides[0].canonical == "rules[4].condition");
  CHECK(g.points[1].config.rules[4].condition == "vix > 25");
  CHECK(g.points[0].config.condor.vix_tiers[1].vix_below == 18);
  CHECK(g.points[0].config.ladder.layers[0].contracts_per_unit == 6);
  CHECK(g.points[0].config.ladder.layers[0].roll_floor_dte == 10);
}

TEST_CASE("a misspelt config key is the loader's unknown-key error at the grid line") {
  check_errors(load("grid:\n"
                    "  ladder.vix_point_ratio: [0.2]\n"
                    "  ladder.vix_pont_ratio: [0.15, 0.25]\n"),
               {{"grid.yaml", 3, 3, "ladder.vix_pont_ratio", "unknown key 'vix_pont_ratio' (did you mean 'vix_point_ratio'?)"}});
  check_errors(load("grid:\n  ladr.vix_point_ratio: [0.2]\n"),
               {{"grid.yaml", 2, 3, "ladr", "unknown key 'ladr' (did you mean 'ladder'?)"}});
}

TEST_CASE("a bad value is the loader's error at the grid line of that value, once") {
  check_errors(load("grid:\n"
                    "  condor.wing_width: [25, 30]\n"
                    "  condor.short_delta: [0.1,\n"
                    "                      0.7]\n"),
               {{"grid.yaml", 4, 23, "condor.short_delta", "must be in (0, 0.5), got 0.7"}});
  check_errors(load("points:\n"
                    "  - {ladder.sizing_mode: fixed_unit}\n"),
               {{"grid.yaml", 2, 26, "ladder.sizing_mode", "'fixed_unit' is not one of"}});
}

TEST_CASE("a path that cannot be applied to the base config is reported at its key") {
  check_errors(load("grid:\n  ladder.vix_point_ratio.x: [1]\n"),
               {{"grid.yaml", 2, 3, "ladder.vix_point_ratio.x", "'ladder.vix_point_ratio' is a value, not a section"}});
  check_errors(load("grid:\n  rules.condition: [vix > 1]\n"),
               {{"grid.yaml", 2, 3, "rules.condition", "'rules' is a list: name an entry with [N] or [name]"}});
  check_errors(load("grid:\n  rules[9].condition: [vix > 1]\n"),
               {{"grid.yaml", 2, 3, "rules[9].condition", "'rules' has 5 entries; [9] is out of range"}});
  check_errors(load("grid:\n  rules[no_such_rule].condition: [vix > 1]\n"),
               {{"grid.yaml", 2, 3, "rules[no_such_rule].condition", "'rules' has no entry named 'no_such_rule'"}});
  check_errors(load("grid:\n  ladder..vix_point_ratio: [1]\n"),
               {{"grid.yaml", 2, 3, "ladder..vix_point_ratio", "not a config path: empty key between dots"}});
}

TEST_CASE("grid file mistakes are reported at their line") {
  check_errors(load("grid:\n  ladder.vix_point_ratio: 0.2\n"),
               {{"grid.yaml", 2, 27, "ladder.vix_point_ratio", "expected a non-empty list of values"}});
  check_errors(load("grdi:\n  ladder.vix_point_ratio: [0.2]\n"), {{"grid.yaml", 1, 1, "grdi", "unknown key 'grdi'"}});
  check_errors(load("grid:\n  ladder.vix_point_ratio: [0.2]\n  ladder.vix_point_ratio: [0.3]\n"),
               {{"grid.yaml", 3, 3, "ladder.vix_point_ratio", "duplicate key"}});
  check_errors(load("grid:\n  ladder: [{}]\n  ladder.vix_point_ratio: [0.3]\n"),
               {{"grid.yaml", 3, 3, "ladder.vix_point_ratio", "overlaps 'ladder'"}});
  check_errors(load("set:\n  condor.wing_width: 30\n"), {{"grid.yaml", 1, 1, "", "no points"}});
  check_errors(load("grid: [1, 2\n"), {{"grid.yaml", 2, 1, "", "YAML syntax error"}});
}

TEST_CASE("an error of the base config is the base file's, before any grid point") {
  const auto r = load_sweep_grid_from_string("grid:\n  condor.wing_width: [25]\n", "grid.yaml",
                                             "schema_version: 1\ncondor: {wing_width: 7}\n", "base.yaml");
  check_errors(r, {{"base.yaml", 2, 22, "condor.wing_width", "multiple of strike_step, got 7"}});
}

TEST_CASE("the example sweep grid is valid against the default config and has 200 points") {
  const auto grid = std::filesystem::path(ALVH_SOURCE_DIR) / "config" / "examples" / "sweeps" / "hedge_study.yaml";
  const auto r = load_sweep_grid(grid, kBaseFile);
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.grid->points.size() == 200);
  CHECK(r.grid->varying.size() == 5);
}
