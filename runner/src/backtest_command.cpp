// `alvh backtest`: condors alone vs condors + ALVH (every sizing mode) over replayed history,
// written as summary.json, trades.csv, daily.csv and report.html.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <sstream>
#include <thread>

#include "alvh/config/replay_settings.hpp"
#include "alvh/config/rule_book_factory.hpp"
#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/report/report_writer.hpp"
#include "alvh/strategies/alvh_portfolio.hpp"
#include "command.hpp"
#include "stress_config.hpp"
#include "market_inputs.hpp"

namespace alvh::runner {

namespace {

using namespace alvh::strategies;

struct BacktestArgs {
  std::string config, out;
  std::optional<std::string> from, to, data, log;
  bool quiet = false;
};

std::vector<backtest::VariantSpec> make_variants(const config::AlvhConfig& cfg, const std::string& prefix) {
  std::vector<backtest::VariantSpec> out;
  out.push_back({prefix + "condors", std::nullopt, [cfg] {
                   // Same portfolio and risk gate, zero hedge units: the only difference is the hedge.
                   VixLadderConfig ladder = cfg.ladder;
                   ladder.sizing_mode = HedgeSizingMode::FixedUnits;
                   ladder.fixed_units_per_condor = 0;
                   return std::make_unique<AlvhPortfolio>(cfg.condor, ladder, cfg.risk);
                 }});
  const std::string policy(ladder_exit_policy_name(cfg.ladder.exit_policy));
  for (const auto& [name, mode] : kHedgeSizingModes)
    out.push_back({prefix + "condors+alvh:" + std::string(name), std::string(name),
                   [cfg, m = mode] {
                     VixLadderConfig ladder = cfg.ladder;
                     ladder.sizing_mode = m;
                     return std::make_unique<AlvhPortfolio>(cfg.condor, ladder, cfg.risk);
                   },
                   policy});
  // Every other exit policy with the configured sizing mode, so both policies are reported.
  const std::string mode(hedge_sizing_mode_name(cfg.ladder.sizing_mode));
  for (const auto& [name, p] : kLadderExitPolicies)
    if (p != cfg.ladder.exit_policy)
      out.push_back({prefix + "condors+alvh:" + mode + "/" + std::string(name), mode,
                     [cfg, p = p] {
                       VixLadderConfig ladder = cfg.ladder;
                       ladder.exit_policy = p;
                       return std::make_unique<AlvhPortfolio>(cfg.condor, ladder, cfg.risk);
                     },
                     std::string(name)});
  return out;
}

void append(backtest::BacktestResult& into, backtest::BacktestResult&& more) {
  for (auto& v : more.variants) into.variants.push_back(std::move(v));
  for (auto& r : more.crash_days) into.crash_days.push_back(std::move(r));
  for (auto& r : more.crash_windows) into.crash_windows.push_back(std::move(r));
  for (auto& n : more.notes) into.notes.push_back("ungated run: " + n);
}

std::string pct(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%7.2f%%", 100 * v);
  return b;
}
std::string opt_ratio(const std::optional<double>& v) {
  if (!v) return "    n/a";
  char b[32];
  std::snprintf(b, sizeof b, "%7.2f", *v);
  return b;
}

int run_backtest_cmd(const BacktestArgs& a, Io io) {
  MarketInputs in = load_market_inputs(a.config, a.data);
  backtest::BacktestSettings settings = config::backtest_settings(in.config);
  if (a.from) settings.from = *parse_iso_date(check_iso_date("--from", *a.from));
  if (a.to) settings.to = *parse_iso_date(check_iso_date("--to", *a.to));
  if (settings.from && settings.to && *settings.to < *settings.from) throw UsageError("--to is before --from");

  struct Run {
    config::AlvhConfig cfg;
    std::string prefix;
  };
  std::vector<Run> runs{{in.config, ""}};
  if (in.config.report.stress_without_gates) runs.push_back({stress_config(in.config), "ungated:"});
  std::size_t total_variants = 0;
  for (const auto& r : runs) total_variants += make_variants(r.cfg, r.prefix).size();

  std::ofstream log_file;
  if (a.log) {
    const auto parent = std::filesystem::path(*a.log).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    log_file.open(*a.log);
    if (!log_file) throw std::runtime_error("cannot write the decision log " + *a.log);
  }

  // The gated and the stress run are independent: one thread each (the machine has 2 cores).
  // Each thread owns its pricer, rule book and log buffer; outputs are merged in run
  // order, so results and the decision log do not depend on thread timing.
  std::mutex progress_mutex;
  std::vector<std::size_t> done_per_run(runs.size(), 0), total_per_run(runs.size(), 0);
  int last_pct = -1;
  auto report_progress = [&](std::size_t run, std::size_t done, std::size_t total) {
    if (a.quiet || total == 0) return;
    std::lock_guard lock(progress_mutex);
    done_per_run[run] = done;
    total_per_run[run] = total;
    std::size_t d = 0, t = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      d += done_per_run[i];
      t += total_per_run[i] ? total_per_run[i] : total;
    }
    const int p = static_cast<int>(100 * d / t);
    if (p == last_pct) return;
    last_pct = p;
    const int width = 40, filled = p * width / 100;
    io.err << "\rreplaying [" << std::string(static_cast<std::size_t>(filled), '#')
           << std::string(static_cast<std::size_t>(width - filled), '.') << "] " << p << "% (" << total
           << " days x " << total_variants << " variants)" << std::flush;
    if (d == t) io.err << "\n";
  };

  std::vector<std::optional<backtest::BacktestResult>> results(runs.size());
  std::vector<std::ostringstream> logs(runs.size());
  std::vector<std::exception_ptr> failures(runs.size());
  // One calendar for both threads: it is safe to share (its memo is locked) and building it once,
  // before the threads, keeps QuantLib's shared holiday tables from being first touched concurrently.
  const NyseCalendar calendar;
  auto work = [&](std::size_t i) {
    try {
      const QuantLibPricer pricer;
      const RuleBook rules = config::build_rule_book(runs[i].cfg);
      const backtest::BacktestInputs inputs{&in.panel, &in.signals, &rules, &calendar, &pricer};
      backtest::LogSink sink;
      if (log_file.is_open())
        sink = [&out = logs[i]](std::string_view variant, LogLevel level, std::string_view source, std::string_view msg) {
          out << variant << '\t' << to_string(level) << '\t' << source << '\t' << msg << '\n';
        };
      results[i] = backtest::run_backtest(inputs, make_variants(runs[i].cfg, runs[i].prefix), settings,
                                          [&, i](std::size_t d, std::size_t t) { report_progress(i, d, t); }, sink);
    } catch (...) {
      failures[i] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < runs.size(); ++i) threads.emplace_back(work, i);
    work(0);
  }
  for (auto& f : failures)
    if (f) std::rethrow_exception(f);
  backtest::BacktestResult result = std::move(*results[0]);
  for (std::size_t i = 1; i < runs.size(); ++i) append(result, std::move(*results[i]));
  for (auto& l : logs) log_file << l.str();

  const auto files = report::write_report(result, a.out);

  io.out << "alvh backtest " << to_iso(result.from) << " .. " << to_iso(result.to) << " (modelled option prices, see docs/model.md)\n";
  io.out << "variant                          CAGR     maxDD   Sharpe   CVaR99   drag/yr  crash recovery (loss-weighted, n)\n";
  for (const auto& v : result.variants) {
    char line[512];
    std::snprintf(line, sizeof line, "%-30s %s %s %8.2f %s %s  %s (%d)\n", v.name.c_str(), pct(v.metrics.cagr).c_str(),
                  pct(v.metrics.max_drawdown).c_str(), v.metrics.sharpe, pct(v.metrics.cvar99).c_str(),
                  v.hedge_cost_drag ? pct(*v.hedge_cost_drag).c_str() : "     n/a", opt_ratio(v.recovery.loss_weighted).c_str(),
                  v.recovery.events);
    io.out << line;
  }
  for (const auto& n : result.notes) io.out << "note: " << n << "\n";
  io.out << "wrote:";
  for (const auto& f : files) io.out << " " << f.string();
  io.out << "\n";
  return 0;
}

}  // namespace

Action add_backtest_command(CLI::App& app, Io io) {
  auto args = std::make_shared<BacktestArgs>();
  auto* sub = app.add_subcommand("backtest", "Replay history: condors alone vs condors + ALVH (each sizing mode), with a report");
  sub->add_option("--config", args->config, "YAML config")->required();
  sub->add_option("--from", args->from, "first date, YYYY-MM-DD (default: data.from, else 2007-04-02, the first VX day)");
  sub->add_option("--to", args->to, "last date, YYYY-MM-DD (default: data.to, else the last SPX/VIX day)");
  sub->add_option("--out", args->out, "output directory for summary.json, trades.csv, daily.csv, report.html")->required();
  sub->add_option("--data", args->data, "data directory (default: data.dir of the config)");
  sub->add_option("--log", args->log, "write every strategy decision (with its reason) to this file");
  sub->add_flag("--quiet", args->quiet, "no progress bar");
  return [args, io] { return run_backtest_cmd(*args, io); };
}

}  // namespace alvh::runner
