#include "alvh/broker/broker_app.hpp"

#include <csignal>
#include <chrono>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "alvh/broker/broker_journal.hpp"
#include "alvh/zmq/clock_server.hpp"
#include "alvh/zmq/context.hpp"
#include "alvh/broker/paper_broker.hpp"
#include "alvh/venue/simulated_market.hpp"
#include "alvh/broker/server_event_publisher.hpp"
#include "alvh/config/config_loader.hpp"
#include "alvh/config/replay_settings.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/topics.hpp"
#include "alvh/zmq/zmq_backend_server.hpp"

namespace alvh::broker {

using namespace std::chrono_literals;

std::variant<BrokerOptions, int> parse_broker_args(const std::vector<std::string>& args, std::ostream& out,
                                                    std::ostream& err) {
  BrokerOptions o;
  CLI::App app{"alvh-paper-broker: paper-trading execution backend speaking ZeroMQ protocol v1 "
               "(docs/protocol.md). Fills like the backtest at the replay time the host announces."};
  app.add_option("--config", o.config, "alvh YAML config (data.dir, execution costs, adapters.zmq)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--command-endpoint", o.command_endpoint, "ROUTER endpoint for commands (default: adapters.zmq.command_endpoint)");
  app.add_option("--event-endpoint", o.event_endpoint, "PUB endpoint for events (default: adapters.zmq.event_endpoint)");
  app.add_option("--clock-endpoint", o.clock_endpoint, "ROUTER endpoint for the host's clock messages")
      ->capture_default_str();
  app.add_option("--state", o.state_file, "append-only JSON-lines state file: replayed at start, appended as orders fill");
  app.add_option("--data", o.data_dir, "data directory (default: data.dir of the config)");
  app.add_option("--account", o.account, "account this broker trades (events on exec.<account>)")->capture_default_str();
  app.add_option("--kill-at", o.kill_at, "")->group("");  // test hook: SIGKILL before the N-th state-file write
  app.add_flag("--enforce-limits", o.enforce_limits, "cancel orders whose limit the model fill does not reach");
  app.add_option("--last-day", o.last_day_text,
                 "refuse clocks after this day, YYYY-MM-DD (default: the last day of the data)");
  app.add_option("--max-order-contracts", o.max_order_contracts, "contracts per leg of one order, at most")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--max-position-contracts", o.max_position_contracts, "net contracts per instrument, at most")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--curve-secret-key", o.curve_secret_key,
                 "CURVE secret key file of the broker (Z85): CURVE on the command and event sockets "
                 "(the clock socket stays plain)");
  app.add_option("--curve-allowed-key", o.curve_allowed_keys,
                 "public key file (Z85) of a client let in; repeat for each (needs --curve-secret-key)");
  std::vector<std::string> argv(args.rbegin(), args.rend());  // CLI11 takes them reversed
  try {
    app.parse(argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? 0 : 2;
  }
  if (!o.last_day_text.empty()) {
    o.last_day = parse_iso_date(o.last_day_text);
    if (!o.last_day) {
      err << "alvh-paper-broker: --last-day: expected YYYY-MM-DD, got '" << o.last_day_text << "' (try --help)\n";
      return 2;
    }
  }
  // Both or neither: a CURVE broker without allowed keys would admit nobody.
  if (o.curve_secret_key.empty() != o.curve_allowed_keys.empty()) {
    err << "alvh-paper-broker: "
        << (o.curve_secret_key.empty() ? "--curve-allowed-key needs --curve-secret-key"
                                       : "--curve-secret-key needs at least one --curve-allowed-key")
        << " (try --help)\n";
    return 2;
  }
  return o;
}

int run_broker(const BrokerOptions& o, std::ostream& out, std::ostream& err, const volatile std::sig_atomic_t& stop) {
  try {
    auto loaded = config::load_config(o.config);
    if (!loaded.ok()) {
      err << "alvh-paper-broker: invalid config:\n" << loaded.format_errors() << "\n";
      return 1;
    }
    const config::AlvhConfig& cfg = *loaded.config;
    const std::filesystem::path data_dir = o.data_dir.empty() ? cfg.data.dir : std::filesystem::path(o.data_dir);
    const QuantLibPricer pricer;
    const NyseCalendar calendar;
    const DailyPanel panel = build_daily_panel(load_market_history(data_dir));
    const venue::SimulatedMarket market(panel, pricer, calendar, config::backtest_settings(cfg).model,
                                        config::fill_params(cfg.execution));

    std::unique_ptr<JournalWriter> writer;
    std::vector<JournalEntry> restored;
    if (!o.state_file.empty()) {
      restored = read_journal(o.state_file);
      writer = std::make_unique<JournalWriter>(o.state_file);
    }
    PaperBrokerSettings settings;
    settings.enforce_limits = o.enforce_limits;
    // The clock never runs past the data: a far-future clock would settle everything at nothing.
    settings.last_day = o.last_day ? *o.last_day : panel.rows.empty() ? std::optional<Date>{} : panel.rows.back().date;
    settings.max_order_contracts = o.max_order_contracts;
    settings.max_position_contracts = o.max_position_contracts;
    long writes = 0;
    PaperBroker broker(market, settings, [&writer, &o, &writes](const JournalEntry& e) {
      if (o.kill_at > 0 && ++writes == o.kill_at) std::raise(SIGKILL);
      if (writer) writer->append(e);
    });
    broker.restore(restored);

    wire::Context context;
    wire::ServerConfig sc;
    sc.command_endpoint = o.command_endpoint.empty() ? cfg.adapters.zmq.command_endpoint : o.command_endpoint;
    sc.event_endpoint = o.event_endpoint.empty() ? cfg.adapters.zmq.event_endpoint : o.event_endpoint;
    sc.source = "paper";
    sc.account = o.account;
    sc.mode = wire::BackendMode::Paper;
    sc.heartbeat_interval = std::chrono::milliseconds{cfg.adapters.zmq.heartbeat_interval_ms};
    sc.session_timeout = std::chrono::milliseconds{cfg.adapters.zmq.heartbeat_timeout_ms};
    sc.send_hwm = cfg.adapters.zmq.send_high_water_mark;
    sc.receive_hwm = cfg.adapters.zmq.receive_high_water_mark;
    if (!o.curve_secret_key.empty())
      sc.curve = wire::curve_server_from_files(o.curve_secret_key, {o.curve_allowed_keys.begin(), o.curve_allowed_keys.end()});
    wire::ZmqBackendServer server(context.native(), sc, broker);
    ServerEventPublisher publisher(server);
    broker.set_publisher(&publisher);
    const std::string exec = wire::exec_topic(o.account);
    // The clock belongs to the current session (HelloAck.session) and is CURVE-protected with the
    // command and event sockets.
    wire::ClockServer clock(context.native(), o.clock_endpoint, "paper", [&](const wire::ClockRequest& r) {
      if (r.session != server.session_id())
        throw std::invalid_argument("clock for session '" + r.session + "'; this broker's session is '" + server.session_id() +
                                    "' (say hello first)");
      const ClockOutcome done = broker.set_clock(r.time);
      return wire::ClockAck{done.time, done.settlements, server.last_sequence(exec)};
    }, sc.curve ? std::optional<std::string>(sc.curve->server.secret_key) : std::nullopt);

    out << "ready command=" << server.command_endpoint() << " event=" << server.event_endpoint()
        << " clock=" << clock.endpoint() << " account=" << o.account << " orders=" << broker.orders().size()
        << " positions=" << broker.positions().size() << std::endl;

    // Clock and commands share the thread: whichever arrives is served within ~1 ms, and right
    // after any activity both are polled without waiting.
    std::chrono::milliseconds wait = 1ms;
    while (!stop) {
      try {
        int handled = clock.poll(wait);
        handled += server.poll(0ms);
        wait = handled > 0 ? 0ms : 1ms;
      } catch (const std::exception& e) {
        if (!wire::interrupted(e)) throw;  // a signal interrupted the poll: the loop condition decides
      }
    }
    out << "stopped orders=" << broker.orders().size() << " positions=" << broker.positions().size()
        << " cash_flow=" << broker.venue().cash() << std::endl;
    return 0;
  } catch (const std::exception& e) {
    err << "alvh-paper-broker: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace alvh::broker
