#include "alvh/host/host_cli.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "alvh/config/alvh_config.hpp"
#include "alvh/config/config_loader.hpp"
#include "alvh/core/backtest/backtest_runner.hpp"
#include "alvh/core/date.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/host/plugin_error.hpp"
#include "alvh/host/plugin_library.hpp"
#include "alvh/host/plugin_strategy.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"

namespace alvh::host {
namespace {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Args {
  std::string plugin, config;
  std::optional<std::string> from, to, data, strategy;
  std::string log_level = "warning";
};

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::optional<Date> date_arg(const char* flag, const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto d = parse_iso_date(*text);
  if (!d) throw UsageError(std::string(flag) + ": '" + *text + "' is not a date (YYYY-MM-DD)");
  return d;
}

LogLevel level_arg(const std::string& text) {
  for (LogLevel l : {LogLevel::Debug, LogLevel::Info, LogLevel::Decision, LogLevel::Warning, LogLevel::Error})
    if (to_string(l) == text) return l;
  throw UsageError("--log: '" + text + "' is not one of debug, info, decision, warning, error");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read the file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

backtest::FillParams fill_params(const config::ExecutionConfig& e) {
  backtest::FillParams f;
  f.spxw_fee = e.spxw_fee_per_contract;
  f.vix_fee = e.vix_fee_per_contract;
  f.spxw_slippage = e.spxw_slippage_per_leg;
  f.spxw_slippage_high = e.spxw_slippage_per_leg_high;
  f.spxw_high_premium = e.spxw_high_premium_threshold;
  f.vix_slippage = e.vix_slippage_per_leg;
  return f;
}

std::string money(double v) {
  char b[48];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

std::string pct(double v) {
  char b[48];
  std::snprintf(b, sizeof b, "%.2f%%", 100 * v);
  return b;
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const std::optional<Date> from = date_arg("--from", a.from), to = date_arg("--to", a.to);
  if (from && to && *to < *from) throw UsageError("--to is before --from");
  const LogLevel threshold = level_arg(a.log_level);

  out << "=== PAPER: replayed history, modelled quotes, in-process paper fills; no order leaves this process ===\n";

  // The manifest is checked before anything else (config, data) is touched.
  const PluginLibrary library(a.plugin);
  const alvh_manifest& m = library.manifest();
  out << "plugin   " << library.file().string() << "\n";
  out << "abi      " << m.abi_version << "\n";
  out << "build    " << m.build_id << "\n";
  std::string names;
  for (const auto& n : library.strategy_names()) names += (names.empty() ? "" : ", ") + n;
  out << "provides " << names << " (config schema " << m.config_schema_version << ")\n";
  const std::string strategy = a.strategy.value_or(library.strategy_names().front());
  if (!library.provides(strategy)) throw UsageError("--strategy: the plugin provides no '" + strategy + "'");
  if (m.config_schema_version != static_cast<std::uint32_t>(config::kSchemaVersion))
    throw PluginLoadError("plugin expects config schema " + std::to_string(m.config_schema_version) +
                          ", this host reads schema " + std::to_string(config::kSchemaVersion));

  // The host reads the config too: for the data directory, the signals to compute and the fills.
  const std::string yaml = read_file(a.config);
  auto loaded = config::load_config(a.config);
  if (!loaded.ok()) throw std::runtime_error(loaded.format_errors());
  const config::AlvhConfig& cfg = *loaded.config;
  // Paper only: a config meant for a live account is refused rather than silently paper-traded.
  if (cfg.execution.mode == config::ExecutionMode::Live)
    throw std::runtime_error(a.config + ": execution.mode is live; alvh-host only paper-trades (set mode: paper)");

  const std::filesystem::path data_dir = a.data ? std::filesystem::path(*a.data) : cfg.data.dir;
  auto history = try_load_market_history(data_dir);
  if (!history.ok()) throw std::runtime_error(history.error().what());
  const DailyPanel panel = build_daily_panel(history.value());
  const SignalTable signals = SignalEngine(cfg.signals).compute(panel);
  const QuantLibPricer pricer;
  const NyseCalendar calendar;

  backtest::BacktestSettings settings;
  settings.from = from ? from : cfg.data.from;
  settings.to = to ? to : cfg.data.to;
  settings.fills = fill_params(cfg.execution);
  // Rules are left to the plug-in: it evaluates its own config's rules on the signal values.
  const backtest::BacktestInputs inputs{&panel, &signals, nullptr, &calendar, &pricer};

  PluginStrategyOptions options{strategy, yaml, a.config, false, true};
  std::vector<backtest::VariantSpec> variants;
  variants.push_back({"plugin:" + strategy, std::nullopt,
                      [&] { return std::make_unique<PluginStrategy>(library, options); }});

  int decisions = 0;
  const backtest::LogSink log = [&](std::string_view, LogLevel level, std::string_view source, std::string_view message) {
    if (level == LogLevel::Decision) ++decisions;
    if (level >= threshold) out << "[" << to_string(level) << "] " << source << ": " << message << "\n";
  };
  const auto result = backtest::run_backtest(inputs, variants, settings, {}, log);
  const auto& v = result.variants.front();
  int opens = 0;
  for (const auto& t : v.trades)
    if (t.action == "open") ++opens;
  out << "replayed " << to_iso(result.from) << " .. " << to_iso(result.to) << ": " << v.metrics.days << " days, "
      << v.trades.size() << " trade records (" << opens << " opens), " << decisions << " decisions\n";
  out << "equity   " << money(v.metrics.start_equity) << " -> " << money(v.metrics.end_equity) << " (total "
      << pct(v.metrics.total_return) << ", CAGR " << pct(v.metrics.cagr) << ", max drawdown "
      << pct(v.metrics.max_drawdown) << ")\n";
  out << "pnl      condors " << money(v.condor_pnl_total) << ", hedge " << money(v.hedge_pnl_total) << "\n";
  (void)err;
  return 0;
}

}  // namespace

int run_host_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"alvh-host: reference host for the alvh strategy plug-in (paper trading on replayed history)",
               "alvh-host"};
  Args a;
  app.add_option("--plugin", a.plugin, "plug-in shared library (libalvh_plugin.so)")->required();
  app.add_option("--config", a.config, "YAML configuration handed to the plug-in")->required();
  app.add_option("--from", a.from, "first replayed date, YYYY-MM-DD (default: data.from, else the first VX day)");
  app.add_option("--to", a.to, "last replayed date, YYYY-MM-DD (default: data.to, else the last day)");
  app.add_option("--data", a.data, "data directory (default: data.dir of the config)");
  app.add_option("--strategy", a.strategy, "strategy name from the manifest (default: the first)");
  app.add_option("--log", a.log_level, "lowest log level printed: debug, info, decision, warning, error")
      ->capture_default_str();

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 parses a reversed vector
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "alvh-host: " << one_line(e.what()) << " (try --help)\n";
    return 2;
  }
  try {
    return run(a, out, err);
  } catch (const UsageError& e) {
    err << "alvh-host: " << one_line(e.what()) << " (try --help)\n";
    return 2;
  } catch (const std::exception& e) {
    err << "alvh-host: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace alvh::host
