#include "alvh/feed/feed_cli.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <signal.h>
#include <optional>

#include "alvh/config/config_loader.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/core/signals/signal_engine.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/feed/feed_days.hpp"
#include "alvh/feed/model_chains.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/zmq/context.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/feed_publisher.hpp"

namespace alvh::feed {
namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void feed_on_signal(int) { g_stop = 1; }

}  // namespace

int run_feed_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"alvh-feed: publishes the bundled history as ZeroMQ market data (protocol v1, md.day)", "alvh-feed"};
  std::string config_path;
  std::optional<std::string> from, to, data;
  wire::FeedSettings s;
  long heartbeat_ms = 1000;
  app.add_option("--config", config_path, "YAML configuration (data directory, range, signals)")->required();
  app.add_option("--from", from, "first published date, YYYY-MM-DD (default: data.from)");
  app.add_option("--to", to, "last published date, YYYY-MM-DD (default: data.to)");
  app.add_option("--data", data, "data directory (default: data.dir of the config)");
  app.add_option("--pub-endpoint", s.pub_endpoint, "PUB endpoint (market data, heartbeats)")->capture_default_str();
  app.add_option("--snapshot-endpoint", s.snapshot_endpoint, "ROUTER endpoint (snapshot_request)")->capture_default_str();
  app.add_option("--speed", s.speed, "published days per second (0 = as fast as possible)")->check(CLI::NonNegativeNumber);
  std::vector<std::uint64_t> drop;
  app.add_option("--drop", drop, "")->group("");  // test hook: md.day seq numbers never sent (lost messages)
  bool no_chains = false;
  app.add_flag("--no-chains", no_chains, "publish only md.day (no modelled chains on chain.SPXW / chain.VIX)");
  app.add_option("--heartbeat-ms", heartbeat_ms, "heartbeat interval")->capture_default_str()->check(CLI::PositiveNumber);
  std::optional<std::string> curve_secret;
  std::vector<std::string> curve_allowed;
  app.add_option("--curve-secret-key", curve_secret,
                 "CURVE secret key file of the feed (Z85): CURVE on the PUB and the snapshot ROUTER");
  app.add_option("--curve-allowed-key", curve_allowed,
                 "public key file (Z85) of a subscriber let in; repeat for each (needs --curve-secret-key)");
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "alvh-feed: " << e.what() << " (try --help)\n";
    return 2;
  }
  s.heartbeat_interval = std::chrono::milliseconds(heartbeat_ms);
  // Both or neither: a CURVE feed without allowed keys would admit nobody.
  if (curve_secret.has_value() != !curve_allowed.empty()) {
    err << "alvh-feed: " << (curve_secret ? "--curve-secret-key needs at least one --curve-allowed-key"
                                          : "--curve-allowed-key needs --curve-secret-key")
        << " (try --help)\n";
    return 2;
  }
  try {
    const auto parse = [](const char* flag, const std::optional<std::string>& t) -> std::optional<Date> {
      if (!t) return std::nullopt;
      auto d = parse_iso_date(*t);
      if (!d) throw std::invalid_argument(std::string(flag) + ": '" + *t + "' is not a date (YYYY-MM-DD)");
      return d;
    };
    std::optional<Date> f, t;
    try {
      f = parse("--from", from);
      t = parse("--to", to);
    } catch (const std::invalid_argument& e) {
      err << "alvh-feed: " << e.what() << "\n";
      return 2;
    }
    if (curve_secret)
      s.curve = wire::curve_server_from_files(*curve_secret, {curve_allowed.begin(), curve_allowed.end()});
    auto loaded = config::load_config(config_path);
    if (!loaded.ok()) throw std::runtime_error(loaded.format_errors());
    const config::AlvhConfig& cfg = *loaded.config;
    const std::filesystem::path dir = data ? std::filesystem::path(*data) : cfg.data.dir;
    auto history = try_load_market_history(dir);
    if (!history.ok()) throw std::runtime_error(history.error().what());
    const DailyPanel panel = build_daily_panel(history.value());
    const SignalTable signals = SignalEngine(cfg.signals).compute(panel);
    auto days = feed_days(panel, &signals, f ? f : cfg.data.from, t ? t : cfg.data.to, backtest::ReplaySettings{}.open_minutes);
    const std::size_t n = days.size();
    const QuantLibPricer pricer;
    const NyseCalendar calendar;
    std::optional<ModelChains> chains;
    if (!no_chains) {
      chains.emplace(calendar, pricer);
      s.chains = [&chains](const wire::FeedDay& d) { return (*chains)(d); };
    }
    wire::Context ctx;
    wire::FeedPublisher feed(ctx.native(), s, std::move(days));
    for (const auto seq : drop) feed.drop_on_wire(seq);
    struct sigaction sa {};
    sa.sa_handler = feed_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    out << "ready pub=" << feed.pub_endpoint() << " snapshot=" << feed.snapshot_endpoint() << " days=" << n
        << " session=" << feed.session() << std::endl;
    bool said_done = false;
    while (!g_stop) {
      try {
        // A backlog at full speed goes out without waiting; otherwise wait for commands.
        feed.poll(std::chrono::milliseconds(feed.finished() || s.speed > 0 ? 20 : 0));
      } catch (const std::exception& e) {
        if (!wire::interrupted(e)) throw;  // a signal interrupted the poll: the loop condition decides
      }
      if (feed.finished() && !said_done) {
        said_done = true;
        out << "published " << n << " days (md.day seq 1.." << feed.last_seq() << "); serving snapshots until stopped" << std::endl;
      }
    }
    out << "stopped: " << feed.snapshots_served() << " snapshot requests served" << std::endl;
    return 0;
  } catch (const std::exception& e) {
    err << "alvh-feed: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace alvh::feed
