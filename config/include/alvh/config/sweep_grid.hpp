#pragma once
// A sensitivity-sweep grid (`alvh sweep --grid`): config keys and the values they take. Every
// point is the base YAML with its overrides spliced in as YAML nodes, then validated by the normal
// config loader, so a bad key or value is reported as `grid-file:line:col: path: message`.
//
// Grid file layout (every section optional, at least one point):
//   set:     {path: value, ...}          applied to every point
//   grid:    {path: [v1, v2, ...], ...}  the cartesian product, the first key varying slowest
//   points:  [{path: value, ...}, ...]   explicit points, after the product
// A path is dotted keys with [index] or [name] (the list entry whose `name` is that) for lists:
//   ladder.vix_point_ratio   execution.slippage.spxw_per_leg   condor.vix_tiers[1].vix_below
//   rules[condor_vix_gate].condition
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "alvh/config/alvh_config.hpp"
#include "alvh/config/config_error.hpp"

namespace alvh::config {

struct GridOverride {
  std::string path;       // as written in the grid file
  std::string canonical;  // as the loader names it: list entries by index ("rules[4].condition")
  std::string value;      // the value as one-line YAML ("0.25", "[1, 2]", "{front: 4}")
  int line = 0, column = 0;  // the value in the grid file (1-based)
};

struct GridPoint {
  std::vector<GridOverride> overrides;  // set:, then the grid keys or the explicit point's keys
  AlvhConfig config;                    // the base with the overrides applied, validated

  // "ladder.vix_point_ratio=0.25 condor.wing_width=30" (every override); "base" when none.
  std::string label() const;
  // The value of `path` at this point, or empty when the point does not override it.
  std::optional<std::string> value_of(const std::string& path) const;
};

struct SweepGrid {
  std::filesystem::path file;
  std::vector<std::string> varying;  // paths of grid: and points: keys, first-seen order (table columns)
  std::vector<GridPoint> points;
};

struct SweepGridLoadResult {
  std::optional<SweepGrid> grid;    // set exactly when errors is empty
  std::vector<ConfigError> errors;  // grid-file errors, then per-point config errors

  bool ok() const { return grid.has_value(); }
  std::string format_errors() const;  // one per line
};

// More points than this is surely a mistake in the grid (and hours of replay).
inline constexpr std::size_t kMaxSweepPoints = 10000;

// Reads the base config (its own errors are reported as `alvh check-config` would) and the grid.
// Relative paths in overrides (data.dir, ...) resolve against the base config's directory.
SweepGridLoadResult load_sweep_grid(const std::filesystem::path& grid_file, const std::filesystem::path& base_config);

// The same from text; `*_name` names the documents in errors.
SweepGridLoadResult load_sweep_grid_from_string(const std::string& grid_yaml, const std::string& grid_name,
                                                const std::string& base_yaml, const std::string& base_name,
                                                const std::filesystem::path& base_dir = {});

}  // namespace alvh::config
