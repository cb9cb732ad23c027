// `alvh sweep`: the hedge study's sensitivity sweep. Every point of a grid of config overrides is
// replayed over the same market history (loaded once, shared read-only by the worker threads) and
// tabulated in sweep.csv and sweep.html.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "alvh/config/sweep_grid.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/report/number_format.hpp"
#include "alvh/report/sweep_table.hpp"
#include "command.hpp"
#include "sweep_runner.hpp"

namespace alvh::runner {

namespace {

struct SweepArgs {
  std::string config, grid, out;
  std::optional<std::string> from, to, data;
  unsigned jobs = 0;
  bool quiet = false;
};

// The market data is loaded once, so every point must read the same directory.
void check_one_data_dir(const config::SweepGrid& grid, const std::filesystem::path& dir, const std::string& grid_file) {
  for (const auto& p : grid.points) {
    if (p.config.data.dir == dir) continue;
    for (const auto& o : p.overrides)
      if (o.canonical == "data" || o.canonical == "data.dir")
        throw std::runtime_error(grid_file + ":" + std::to_string(o.line) + ":" + std::to_string(o.column) + ": " + o.path +
                                 ": the market data is loaded once per sweep, so data.dir cannot vary (use --data)");
    throw std::runtime_error("grid point '" + p.label() + "' reads another data.dir than the first point");
  }
}

std::string pct_range(const report::SweepTable& t, double report::SweepRow::*field) {
  auto [lo, hi] = std::minmax_element(t.rows.begin(), t.rows.end(),
                                      [&](const auto& a, const auto& b) { return a.*field < b.*field; });
  return report::format_number(100 * (*lo).*field, 2) + "% .. " + report::format_number(100 * (*hi).*field, 2) + "%";
}

int run_sweep_cmd(const SweepArgs& a, Io io) {
  SweepSettings settings;
  if (a.from) settings.from = *parse_iso_date(check_iso_date("--from", *a.from));
  if (a.to) settings.to = *parse_iso_date(check_iso_date("--to", *a.to));
  if (settings.from && settings.to && *settings.to < *settings.from) throw UsageError("--to is before --from");
  settings.jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());

  const auto loaded = config::load_sweep_grid(a.grid, a.config);
  if (!loaded.ok()) throw std::runtime_error("invalid sweep grid or config:\n" + loaded.format_errors());
  const config::SweepGrid& grid = *loaded.grid;
  const std::filesystem::path dir = a.data ? std::filesystem::path(*a.data) : grid.points.front().config.data.dir;
  if (!a.data) check_one_data_dir(grid, dir, a.grid);

  const auto started = std::chrono::steady_clock::now();
  if (!a.quiet) io.err << "loading market data from " << dir.string() << "\n";
  const DailyPanel panel = build_daily_panel(load_market_history(dir));
  const NyseCalendar calendar;  // shared by the workers (its memo is locked)

  std::mutex progress_mutex;
  int last_pct = -1;
  auto progress = [&](std::size_t done, std::size_t total) {
    if (a.quiet || total == 0) return;
    const int p = static_cast<int>(100 * done / total);
    std::lock_guard lock(progress_mutex);
    if (p == last_pct) return;
    last_pct = p;
    const int width = 40, filled = p * width / 100;
    io.err << "\rsweeping [" << std::string(static_cast<std::size_t>(filled), '#')
           << std::string(static_cast<std::size_t>(width - filled), '.') << "] " << p << "% (" << grid.points.size()
           << " points, " << settings.jobs << " threads)" << std::flush;
    if (done == total) io.err << "\n";
  };
  report::SweepTable table = run_sweep(panel, calendar, grid, settings, progress);
  table.config = a.config;
  table.grid = a.grid;
  table.notes = {
      "one row per grid point: the point's configured hedged variant (ladder.sizing_mode) on the gated book",
      "hedge drag: CAGR of the same point's condors alone (zero hedge units) minus the point's CAGR",
      "hedge cost/yr: minus the net hedge P&L per year; premium/yr: VIX-call premium paid per year, fees included",
      "CVaR 99%: mean of the worst 1% of daily returns (and of daily $ P&L)",
      "recovery 'ungated': the stress run of report.stress_without_gates (a condor on every day with a next-day "
      "expiry, the rules' skip/scale actions dropped); 'gated': the book as configured",
  };
  const auto files = report::write_sweep(table, a.out);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  io.out << "alvh sweep " << to_iso(table.from) << " .. " << to_iso(table.to) << ": " << table.rows.size()
         << " points (modelled option prices, see docs/model.md)\n";
  io.out << "CAGR " << pct_range(table, &report::SweepRow::cagr) << ", max drawdown "
         << pct_range(table, &report::SweepRow::max_drawdown) << "\n";
  io.out << "wrote:";
  for (const auto& f : files) io.out << " " << f.string();
  io.out << "\n";
  if (!a.quiet) {
    char line[96];
    std::snprintf(line, sizeof line, "%.1f s on %u threads\n", seconds, settings.jobs);
    io.err << line;
  }
  return 0;
}

}  // namespace

Action add_sweep_command(CLI::App& app, Io io) {
  auto args = std::make_shared<SweepArgs>();
  auto* sub = app.add_subcommand("sweep", "Sensitivity sweep: replay a grid of config overrides, one table of results");
  sub->add_option("--config", args->config, "base YAML config")->required();
  sub->add_option("--grid", args->grid,
                  "grid YAML: set: {path: value}, grid: {path: [values]} (cartesian product), points: [{path: value}]; "
                  "paths like ladder.vega_ratio, execution.slippage.spxw_per_leg, rules[name].condition")
      ->required();
  sub->add_option("--out", args->out, "output directory for sweep.csv and sweep.html")->required();
  sub->add_option("--jobs", args->jobs, "worker threads (default: the hardware's)")->check(CLI::PositiveNumber);
  sub->add_option("--from", args->from, "first date, YYYY-MM-DD, for every point (default: data.from of each point)");
  sub->add_option("--to", args->to, "last date, YYYY-MM-DD, for every point (default: data.to of each point)");
  sub->add_option("--data", args->data, "data directory (default: data.dir of the config)");
  sub->add_flag("--quiet", args->quiet, "no progress bar or timing");
  return [args, io] { return run_sweep_cmd(*args, io); };
}

}  // namespace alvh::runner
