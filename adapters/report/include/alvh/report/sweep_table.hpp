#pragma once
// The sensitivity sweep's one table (`alvh sweep`): one row per grid point and hedged variant, with
// the point's parameter values, the equity-curve figures, the hedge's cost and its recovery on
// single-session crash days and on multi-day windows. Written as sweep.csv and sweep.html.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "alvh/backtest/crash_table.hpp"
#include "alvh/core/date.hpp"

namespace alvh::report {

struct SweepRow {
  std::size_t point = 0;            // 1-based, in grid order
  std::vector<std::string> values;  // per SweepTable::parameters; empty = the base config's value
  std::string variant;              // "condors+alvh:vix_point_ratio"
  double cagr = 0;
  double max_drawdown = 0;          // positive fraction
  double cvar99 = 0;                // of daily returns (negative = loss)
  double cvar99_pnl = 0;            // $ of daily P&L
  std::optional<double> hedge_cost_drag;  // CAGR(condors alone) - CAGR(this), same point's condors
  double hedge_cost_per_year = 0;         // $, -(net hedge P&L) per year
  double hedge_premium_per_year = 0;      // $
  std::string recovery_run;               // "ungated" (the stress run) or "gated"
  backtest::RecoverySummary crash_days;   // single-session crash days of recovery_run
  backtest::RecoverySummary windows;      // multi-day windows of recovery_run
};

struct SweepTable {
  std::string config, grid;             // file names, for the header
  Date from{}, to{};
  std::vector<std::string> parameters;  // the grid's varying config paths (columns)
  std::vector<SweepRow> rows;
  std::vector<std::string> notes;
};

// Numbers in the shortest round-trip form; empty cell = not available.
std::string sweep_csv(const SweepTable& table);
std::string sweep_html(const SweepTable& table);

// Writes sweep.csv and sweep.html into `out_dir` (created if needed); returns the files written.
// Throws std::runtime_error naming the path when a file cannot be written.
std::vector<std::filesystem::path> write_sweep(const SweepTable& table, const std::filesystem::path& out_dir);

}  // namespace alvh::report
