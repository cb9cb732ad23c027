#include "alvh/host/host_cli.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "alvh/zmq/clock_message.hpp"
#include "alvh/config/alvh_config.hpp"
#include "alvh/config/config_loader.hpp"
#include "alvh/config/replay_settings.hpp"
#include "alvh/backtest/backtest_runner.hpp"
#include "alvh/core/date.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/host/broker_link.hpp"
#include "alvh/host/market_data_source.hpp"
#include "alvh/host/paper_session.hpp"
#include "alvh/host/plugin_error.hpp"
#include "alvh/journal/account_lock.hpp"
#include "alvh/journal/journal.hpp"
#include "alvh/report/report_writer.hpp"
#include "alvh/host/plugin_library.hpp"
#include "alvh/host/plugin_strategy.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/zmq/curve_keys.hpp"

namespace alvh::host {
namespace {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Args {
  std::string plugin, config;
  std::optional<std::string> from, to, data, strategy;
  std::string log_level = "warning";
  // Paper trading against an execution backend (alvh-paper-broker) instead of in-process fills.
  std::optional<std::string> broker_command, broker_events, broker_clock, journal, out;
  // Days from alvh-feed (PUB + snapshot ROUTER) instead of the bundled files; these override
  // adapters.market_data of the config, and no_market_data turns a configured feed off.
  std::optional<std::string> market_data, market_data_snapshot;
  bool no_market_data = false;
  std::string account = "paper";
  double speed = 0;
  long kill_at = 0;
  int timeout_ms = 10000;
  int order_timeout_ms = 10000;
  double deviation_warn = 0.25, deviation_reduce = 1.00;
  bool backend_settles = false;
  bool timeout_given = false;  // --timeout-ms on the command line: it then bounds the feed's silence too
  bool progress = false;
};

// The market-data feed a session takes its days from, when it has one.
struct FeedChoice {
  std::string pub, snapshot;
  std::string origin;  // "--market-data" or "adapters.market_data", for messages
};

// Flags first, then the config's adapters.market_data when enabled (docs/config.md). `md` is null
// when the config did not load (its errors are reported later, after the manifest check).
std::optional<FeedChoice> choose_feed(const Args& a, const config::MarketDataConfig* md) {
  if (a.no_market_data && (a.market_data || a.market_data_snapshot))
    throw UsageError("--no-market-data contradicts --market-data/--market-data-snapshot");
  if (a.market_data.has_value() != a.market_data_snapshot.has_value())
    throw UsageError("--market-data and --market-data-snapshot go together (the feed's PUB and its snapshot ROUTER)");
  if (a.market_data) return FeedChoice{*a.market_data, *a.market_data_snapshot, "--market-data"};
  if (a.no_market_data || md == nullptr || !md->enabled) return std::nullopt;
  return FeedChoice{md->pub_endpoint, md->snapshot_endpoint, "adapters.market_data"};
}

// adapters.market_data.curve read into the subscriber's keys (the loader checked: all three or none).
// They belong to the feed link, so they apply when --market-data overrides the endpoints too.
// A section's three CURVE key files read into a client's keys (the loader checked: all three or none).
template <class Section>
std::optional<wire::CurveClientConfig> client_curve(const Section& section, const char* name) {
  if (!section.curve_server_public_key || !section.curve_client_public_key || !section.curve_client_secret_key)
    return std::nullopt;
  try {
    return wire::curve_client_from_files(*section.curve_server_public_key, *section.curve_client_public_key,
                                        *section.curve_client_secret_key);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string(name) + ": " + e.what());
  }
}
std::optional<wire::CurveClientConfig> feed_curve(const config::MarketDataConfig& md) {
  return client_curve(md, "adapters.market_data.curve");
}

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

std::string sizing_name(strategies::HedgeSizingMode m) { return std::string(strategies::hedge_sizing_mode_name(m)); }

// The session against the broker: lock the account, open the journal, run, write the report.
int run_paper(const Args& a, const std::optional<FeedChoice>& md_feed, const PluginLibrary& library,
              const std::string& strategy, const std::string& yaml, const config::AlvhConfig& cfg, DailyPanel& panel,
              const SignalTable* signals,
              const QuantLibPricer& pricer, const NyseCalendar& calendar, backtest::BacktestSettings settings,
              LogLevel threshold, std::ostream& out, std::ostream& err) {
  if (!a.broker_events || !a.journal) throw UsageError("--broker-command needs --broker-events and --journal");
  const journal::AccountLock lock(*a.journal);  // one strategy process per account
  journal::Journal journal(*a.journal);

  PaperSessionSettings ps;
  ps.backtest = settings;
  ps.account = a.account;
  ps.sizing_mode = sizing_name(cfg.ladder.sizing_mode);
  ps.variant = "condors+alvh:" + *ps.sizing_mode;
  ps.speed = a.speed;
  ps.kill_at = a.kill_at;
  ps.deviation_warn = a.deviation_warn;
  ps.deviation_reduce = a.deviation_reduce;
  ps.backend_settles = a.backend_settles;

  const config::ZmqConfig& link = cfg.adapters.zmq;
  BrokerEndpoints ep{*a.broker_command, *a.broker_events, a.broker_clock.value_or(std::string{}), a.account,
                     cfg.execution.mode == config::ExecutionMode::Live, std::chrono::milliseconds{a.timeout_ms},
                     std::chrono::milliseconds{a.order_timeout_ms}, client_curve(link, "adapters.zmq.curve"), std::chrono::milliseconds{link.heartbeat_interval_ms},
                     std::chrono::milliseconds{link.heartbeat_timeout_ms}, link.send_high_water_mark,
                     link.receive_high_water_mark};
  BrokerLink broker(ep);
  PluginStrategy plugin(library, PluginStrategyOptions{strategy, yaml, a.config, false, true});
  const backtest::BacktestInputs inputs{&panel, signals, nullptr, &calendar, &pricer};

  // Market-data mode: the days arrive from alvh-feed; the broker link is kept alive while waiting.
  std::unique_ptr<MarketDataSource> md_source;
  if (md_feed) {
    wire::SubscriberSettings fs;
    fs.pub_endpoint = md_feed->pub;
    fs.snapshot_endpoint = md_feed->snapshot;
    fs.timeout = std::chrono::milliseconds{a.timeout_given ? a.timeout_ms : cfg.adapters.market_data.timeout_ms};
    fs.source = "alvh-host-" + a.account;
    fs.curve = feed_curve(cfg.adapters.market_data);
    fs.idle = [&broker] { broker.keep_alive(); };
    md_source = std::make_unique<MarketDataSource>(fs, panel, [&out](const std::string& m) { out << "[market-data] " << m << "\n"; });
  }

  int decisions = 0;
  const backtest::LogSink log = [&](std::string_view, LogLevel level, std::string_view source, std::string_view message) {
    if (level == LogLevel::Decision) ++decisions;
    if (level >= threshold) out << "[" << to_string(level) << "] " << source << ": " << message << "\n";
  };
  int last_pct = -1;
  const backtest::ProgressFn progress = [&](std::size_t done, std::size_t total) {
    if (!a.progress || total == 0) return;
    const int p = static_cast<int>(100 * done / total);
    if (p == last_pct) return;
    last_pct = p;
    err << "\rpaper " << done << "/" << total << " days (" << p << "%)" << (done == total ? "\n" : "") << std::flush;
  };
  out << "journal  " << *a.journal << " (account " << a.account << ")\n" << std::flush;
  PaperSessionReport report =
      run_paper_session(inputs, ps, plugin, [&] { plugin.checkpoint(); }, broker, journal, progress, log, md_source.get());
  if (md_source) {
    const auto& st = md_source->stats();
    out << "market   " << st.days << " days from " << md_feed->pub << " (gaps " << st.gaps << ", snapshot requests "
        << st.snapshot_requests << ", recovered " << st.recovered << ", malformed " << st.malformed << ", duplicates "
        << st.duplicates << ")\n";
  }
  out << "broker   session " << broker.session().session << ", mode " << (broker.session().mode == wire::BackendMode::Live ? "live" : "paper") << "\n";
  if (report.recovered) out << "recovered from the journal: " << report.orders_from_journal << " orders answered from it, "
                            << report.orders_resent << " re-sent (duplicates at the broker), " << report.orders_adopted
                            << " adopted from the backend's record (not sent again)\n";
  out << "reconcile " << report.reconcile_summary << "\n";
  out << "state    " << to_string(report.state) << (report.state_reason.empty() ? "" : ": " + report.state_reason) << "\n";
  const auto& v = report.result.variants.front();
  int opens = 0;
  for (const auto& t : v.trades)
    if (t.action == "open") ++opens;
  out << "traded   " << to_iso(report.result.from) << " .. " << to_iso(report.result.to) << ": " << v.metrics.days
      << " days, " << report.orders_sent << " orders sent, " << v.trades.size() << " trade records (" << opens
      << " opens), " << decisions << " decisions\n";
  out << "equity   " << money(v.metrics.start_equity) << " -> " << money(v.metrics.end_equity) << " (total "
      << pct(v.metrics.total_return) << ", CAGR " << pct(v.metrics.cagr) << ", max drawdown "
      << pct(v.metrics.max_drawdown) << ")\n";
  if (a.out) {
    const auto files = report::write_report(report.result, *a.out);
    out << "wrote:";
    for (const auto& f : files) out << " " << f.string();
    out << "\n";
  }
  return report.state == TradingState::Halted ? 3 : 0;
}

int run(const Args& given, std::ostream& out, std::ostream& err) {
  const std::optional<Date> from = date_arg("--from", given.from), to = date_arg("--to", given.to);
  if (from && to && *to < *from) throw UsageError("--to is before --from");
  const LogLevel threshold = level_arg(given.log_level);

  // Read before the banner, which names the market-data source; its errors are reported after the
  // manifest check, like before.
  auto loaded = config::load_config(given.config);
  // adapters.zmq.enabled: trade through the backend at the configured endpoints (and the paper
  // broker's default clock endpoint) unless --broker-command names one.
  Args a = given;
  if (!a.broker_command && loaded.ok() && loaded.config->adapters.zmq.enabled) {
    a.broker_command = loaded.config->adapters.zmq.command_endpoint;
    a.broker_events = loaded.config->adapters.zmq.event_endpoint;
    if (!a.broker_clock) a.broker_clock = std::string(wire::kDefaultClockEndpoint);
    if (!a.journal) throw UsageError(a.config + ": adapters.zmq is enabled, so orders go to the backend at " +
                                     *a.broker_command + ": give --journal FILE (or --broker-command ...)");
  }
  const std::optional<FeedChoice> md_feed = choose_feed(a, loaded.ok() ? &loaded.config->adapters.market_data : nullptr);
  if (md_feed && !a.broker_command)
    throw UsageError(md_feed->origin == "--market-data"
                         ? "--market-data trades through the paper broker: give --broker-command, --broker-events, --broker-clock"
                         : a.config + ": adapters.market_data is enabled, and the feed trades through the paper broker: "
                                      "give --broker-command, --broker-events, --broker-clock (or --no-market-data)");
  if (md_feed)
    out << "=== PAPER: market data from the feed at " << md_feed->pub << " (" << md_feed->origin
        << "), orders to the paper broker at " << *a.broker_command << " ===\n";
  else if (a.broker_command)
    out << "=== PAPER: replayed history, orders to the " << (a.broker_clock ? "paper broker" : "execution backend") << " at "
        << *a.broker_command << " ===\n";
  else
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
  if (!loaded.ok()) throw std::runtime_error(loaded.format_errors());
  const config::AlvhConfig& cfg = *loaded.config;
  // In-process mode is paper only: a config meant for a live account is refused rather than
  // silently paper-traded. With a backend, the backend's declared mode is checked against it.
  if (cfg.execution.mode == config::ExecutionMode::Live && !a.broker_command)
    throw std::runtime_error(a.config + ": execution.mode is live; in-process fills are paper only (set mode: paper)");

  const QuantLibPricer pricer;
  const NyseCalendar calendar;
  backtest::BacktestSettings settings = config::backtest_settings(cfg);
  if (from) settings.from = from;
  if (to) settings.to = to;
  if (md_feed) {  // no files: the panel fills up with the days the feed sends
    DailyPanel fed;
    return run_paper(a, md_feed, library, strategy, yaml, cfg, fed, nullptr, pricer, calendar, settings, threshold, out, err);
  }

  const std::filesystem::path data_dir = a.data ? std::filesystem::path(*a.data) : cfg.data.dir;
  auto history = try_load_market_history(data_dir);
  if (!history.ok()) throw std::runtime_error(history.error().what());
  DailyPanel panel = build_daily_panel(history.value());
  const SignalTable signals = SignalEngine(cfg.signals).compute(panel);
  // Rules are left to the plug-in: it evaluates its own config's rules on the signal values.
  const backtest::BacktestInputs inputs{&panel, &signals, nullptr, &calendar, &pricer};

  if (a.broker_command) return run_paper(a, md_feed, library, strategy, yaml, cfg, panel, &signals, pricer, calendar, settings, threshold, out, err);

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
  app.add_option("--broker-command", a.broker_command, "paper broker ROUTER endpoint: trade through it instead of in-process fills");
  app.add_option("--broker-events", a.broker_events, "paper broker PUB endpoint");
  app.add_option("--broker-clock", a.broker_clock,
                 "alvh-paper-broker's clock endpoint (replay time; paper-only extension). Without it the backend "
                 "is any protocol-v1 backend: it fills on its own clock and settles by settlement events "
                 "(--backend-settles) or not at all (then expired legs settle at the model's reference value)");
  app.add_flag("--backend-settles", a.backend_settles,
               "without --broker-clock: the backend publishes settlement events for expired positions");
  app.add_option("--order-timeout-ms", a.order_timeout_ms,
                 "an acknowledged order still working after this long is cancelled")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--fill-deviation-warn", a.deviation_warn,
                 "points per unit between a backend fill and the model's reference fill that log a warning")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--fill-deviation-reduce", a.deviation_reduce,
                 "points per unit beyond which the session goes REDUCING (only closing orders)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--market-data", a.market_data,
                 "alvh-feed PUB endpoint: take the days from the feed instead of the data files (needs --broker-command). "
                 "Default: adapters.market_data.pub_endpoint when adapters.market_data.enabled; this flag and "
                 "--market-data-snapshot override the config's endpoints");
  app.add_option("--market-data-snapshot", a.market_data_snapshot,
                 "alvh-feed snapshot ROUTER endpoint (gap recovery); required with --market-data");
  app.add_flag("--no-market-data", a.no_market_data,
               "replay the data files even when adapters.market_data.enabled is true in the config");
  app.add_option("--journal", a.journal, "SQLite journal of the account (created if missing; recovery if it holds this session)");
  app.add_option("--account", a.account, "account name at the broker")->capture_default_str();
  app.add_option("--out", a.out, "write summary.json, trades.csv, daily.csv, report.html here");
  app.add_option("--speed", a.speed, "replayed days per second (0 = as fast as possible)")->check(CLI::NonNegativeNumber);
  auto* timeout = app.add_option("--timeout-ms", a.timeout_ms,
                                 "how long to wait for any broker answer; given, it also bounds the feed's silence "
                                 "(default there: adapters.market_data.timeout_ms)")
                      ->capture_default_str();
  app.add_flag("--progress", a.progress, "progress line on stderr");
  app.add_option("--kill-at", a.kill_at, "")->group("");  // test hook: SIGKILL at the N-th crash point
  app.add_option("--log", a.log_level, "lowest log level printed: debug, info, decision, warning, error")
      ->capture_default_str();

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 parses a reversed vector
  try {
    app.parse(reversed);
    a.timeout_given = timeout->count() > 0;
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
