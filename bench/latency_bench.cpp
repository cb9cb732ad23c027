// Event-to-order latency through the plug-in and protocol v1, against the raw ZeroMQ round trip
// measured in the same loop, over ipc:// and tcp loopback. One iteration takes three samples,
// interleaved so machine load hits them alike:
//   raw    DEALER -> ROUTER (echoed) -> DEALER, one frame the size of the submit_combo envelope;
//   wire   ZmqExecutionClient::submit_combo of a ready ComboOrder -> ZmqBackendServer (accepting
//          handler, own thread) -> ack decoded by the client: the protocol cost alone;
//   event  the SPXW chain answer handed to libalvh_plugin.so through PluginStrategy (C ABI) ->
//          AlvhPortfolio picks the strikes and sizes the condor -> host submit_combo -> the same
//          client -> backend -> ack decoded by the client. This is "event-to-order": from the event
//          that makes the decision until the order is known to be accepted.
// The raw echo and the protocol server run on the same backend thread (see Link).
// The portfolio orders only from its 15:45 entry timer after a chain request, so each day the
// signals, index levels and the timer are delivered untimed first, and afterwards the order is
// reported rejected so the next day starts flat. p50/p99 are reported as counters.
// Needs alvh::host (plug-in loader) on the bench's link line; without it only raw and wire run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>
#include <zmq.hpp>

#include "alvh/core/strategy_context.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/zmq_backend_server.hpp"
#include "alvh/zmq/zmq_execution_client.hpp"

#if __has_include("alvh/host/plugin_strategy.hpp")
#define ALVH_LATENCY_WITH_PLUGIN 1
#include "alvh/host/plugin_library.hpp"
#include "alvh/host/plugin_strategy.hpp"
#endif

using namespace alvh;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;
namespace wire = alvh::wire;

namespace {

double ns_since(Steady::time_point t0) { return std::chrono::duration<double, std::nano>(Steady::now() - t0).count(); }

std::string endpoint(const std::string& transport, const std::string& name) {
  if (transport == "tcp") return "tcp://127.0.0.1:*";
  return "ipc://" + (std::filesystem::temp_directory_path() / ("alvh-lat-" + std::to_string(::getpid()) + "-" + name)).string();
}

double percentile(std::vector<double> ns, double q) {
  if (ns.empty()) return 0;
  std::sort(ns.begin(), ns.end());
  return ns[static_cast<std::size_t>(q * static_cast<double>(ns.size() - 1))];
}

// ---- raw: DEALER -> ROUTER (echoed by the backend thread) -> DEALER ------------------------------

struct RawEcho {
  zmq::socket_t router, dealer;
  RawEcho(zmq::context_t& ctx, const std::string& transport)
      : router(ctx, zmq::socket_type::router), dealer(ctx, zmq::socket_type::dealer) {
    router.set(zmq::sockopt::linger, 0);
    router.bind(endpoint(transport, "raw"));
    dealer.set(zmq::sockopt::linger, 0);
    dealer.connect(router.get(zmq::sockopt::last_endpoint));
  }
  // Called by the backend thread when the router is readable.
  void echo() {
    zmq::message_t id, body;
    while (router.recv(id, zmq::recv_flags::dontwait)) {
      (void)router.recv(body);
      router.send(id, zmq::send_flags::sndmore);
      router.send(body, zmq::send_flags::none);
    }
  }
  double round_trip_ns(const std::string& bytes) {
    const auto t0 = Steady::now();
    dealer.send(zmq::buffer(bytes), zmq::send_flags::none);
    zmq::message_t reply;
    (void)dealer.recv(reply);
    return ns_since(t0);
  }
};

// ---- backend and client -----------------------------------------------------------------------

class AcceptingHandler final : public wire::BackendHandler {
 public:
  wire::CommandVerdict on_submit_combo(const ClientOrderId&, const ComboOrder&) override { return wire::CommandVerdict::accept(); }
  wire::CommandVerdict on_submit_order(const ClientOrderId&, const SingleOrder&) override { return wire::CommandVerdict::accept(); }
  wire::CommandVerdict on_cancel(const ClientOrderId&) override { return wire::CommandVerdict::accept(); }
  wire::BackendSnapshot on_snapshot() override { return {}; }
};

// The backend side: the protocol server and the raw echo, served by ONE thread (one zmq_poll on
// both sockets), so both round trips cross the same threads. With a thread each, the scheduler's
// placement of two threads on two cores made the raw trip 20 us in one run and 70 us in the next
// while the other side kept its placement: ratios from 1.1x to 2.9x for the same code.
struct Link {
  AcceptingHandler handler;
  wire::ZmqBackendServer server;
  RawEcho raw;
  std::atomic<bool> stop{false};
  std::thread backend;
  wire::ZmqExecutionClient client;

  static wire::ServerConfig server_config(const std::string& transport) {
    wire::ServerConfig sc;
    sc.command_endpoint = endpoint(transport, "cmd");
    sc.event_endpoint = endpoint(transport, "ev");
    sc.account = "DU1";
    sc.session_timeout = 600s;
    return sc;
  }
  static wire::ClientConfig client_config(const wire::ZmqBackendServer& s) {
    wire::ClientConfig cc;
    cc.command_endpoint = s.command_endpoint();
    cc.event_endpoint = s.event_endpoint();
    cc.account = "DU1";
    cc.heartbeat_timeout = 600s;
    return cc;
  }
  Link(zmq::context_t& ctx, const std::string& transport)
      : server(ctx, server_config(transport), handler),
        raw(ctx, transport),
        backend([this] {
          std::array<zmq::pollitem_t, 2> items{{{server.native_handle(), 0, ZMQ_POLLIN, 0},
                                                  {raw.router.handle(), 0, ZMQ_POLLIN, 0}}};
          while (!stop) {
            zmq::poll(items.data(), items.size(), 1ms);
            if (items[0].revents & ZMQ_POLLIN) server.poll(0ms);
            if (items[1].revents & ZMQ_POLLIN) raw.echo();
          }
        }),
        client(ctx, client_config(server)) {
    client.hello();
    for (auto deadline = Steady::now() + 5s; Steady::now() < deadline && client.state() != wire::LinkState::Up;)
      client.poll(1ms);
    for (int i = 0; i < 50; ++i) client.poll(1ms);  // take the start-up snapshot
  }
  ~Link() {
    stop = true;
    backend.join();
  }
  void await_ack(const ClientOrderId& id) {
    for (;;)
      for (const auto& e : client.poll(100ms))
        if (const auto* a = std::get_if<wire::CommandAck>(&e); a && a->client_order_id == id) return;
  }
  // The wire sample: a ready order submitted, its ack decoded.
  double wire_round_trip_ns(const ComboOrder& combo) {
    const ClientOrderId id = "w-" + std::to_string(++wire_orders);
    const auto t0 = Steady::now();
    client.submit_combo(id, combo);
    await_ack(id);
    return ns_since(t0);
  }
  std::uint64_t wire_orders = 0;
};

// An iron condor like the plug-in's (used when the plug-in loader is not linked).
ComboOrder sample_condor() {
  const Date e = make_date(2024, 3, 14);
  return {{{spxw_option(e, 5110, OptionType::Put), Side::Sell, 1},
           {spxw_option(e, 5085, OptionType::Put), Side::Buy, 1},
           {spxw_option(e, 5195, OptionType::Call), Side::Sell, 1},
           {spxw_option(e, 5220, OptionType::Call), Side::Buy, 1}},
          2, 2.60, PriceEffect::Credit, "ic:2024-03-14"};
}

std::string ping_for(const ComboOrder& combo) {
  wire::Envelope probe;
  probe.type = wire::MessageType::SubmitCombo;
  probe.id = "alvh-1710000000000000000-1";
  probe.source = "alvh";
  probe.payload = wire::to_json_text(wire::SubmitCombo{"p-1", combo});
  return std::string(wire::encode_envelope(probe).size(), 'x');
}

// raw and wire only (no plug-in): see the header comment.
void BM_OrderAck(benchmark::State& state, const std::string& transport) {
  zmq::context_t ctx;
  Link link(ctx, transport);
  RawEcho& raw = link.raw;
  const ComboOrder combo = sample_condor();
  const std::string ping = ping_for(combo);
  std::vector<double> wire_ns, raw_ns;
  for (auto _ : state) {
    raw_ns.push_back(raw.round_trip_ns(ping));
    wire_ns.push_back(link.wire_round_trip_ns(combo));
  }
  const double raw50 = percentile(raw_ns, 0.50);
  state.counters["raw_p50_us"] = raw50 / 1000.0;
  state.counters["raw_p99_us"] = percentile(raw_ns, 0.99) / 1000.0;
  state.counters["wire_p50_us"] = percentile(wire_ns, 0.50) / 1000.0;
  state.counters["wire_p99_us"] = percentile(wire_ns, 0.99) / 1000.0;
  state.counters["wire_ratio"] = raw50 > 0 ? percentile(wire_ns, 0.50) / raw50 : 0;
}

#ifdef ALVH_LATENCY_WITH_PLUGIN

std::filesystem::path plugin_path() {
#ifdef ALVH_PLUGIN_PATH
  return ALVH_PLUGIN_PATH;
#else
  if (const char* p = std::getenv("ALVH_PLUGIN")) return p;
  // Build tree: <build>/bench/latency_bench next to <build>/plugin/libalvh_plugin.so.
  return std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path() / "plugin" / "libalvh_plugin.so";
#endif
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Timestamp utc_of(ExchangeTime t) {  // New York taken as UTC-5: only consistency matters here
  return std::chrono::sys_days{t.date} + std::chrono::minutes{t.minutes + 300};
}

struct WeekdayCalendar final : ExchangeCalendar {
  bool is_trading_day(Date d) const override {
    const auto wd = std::chrono::weekday{std::chrono::sys_days{d}};
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
  }
  bool is_early_close(Date) const override { return false; }
};
Date next_weekday(Date d) {
  WeekdayCalendar cal;
  do d = std::chrono::year_month_day{std::chrono::sys_days{d} + std::chrono::days{1}};
  while (!cal.is_trading_day(d));
  return d;
}

struct SettableClock final : alvh::Clock {
  ExchangeTime now{};
  Timestamp now_utc() const override { return utc_of(now); }
  ExchangeTime now_local() const override { return now; }
};
struct NoPricer final : OptionPricer {
  OptionGreeks bsm(const BsmInput&) const override { return {}; }
  OptionGreeks black76(const Black76Input&) const override { return {}; }
  ImpliedVol bsm_implied_vol(const BsmInput&, double) const override { return {}; }
  ImpliedVol black76_implied_vol(const Black76Input&, double) const override { return {}; }
};

// What a live host's context does for the plug-in: orders go out through the ZeroMQ client; timers
// and chain requests are recorded for the driver loop. Flat book, fixed account.
class ZmqHostContext final : public StrategyContext {
 public:
  // Without a client, orders are only recorded (the decision-only benchmark).
  explicit ZmqHostContext(wire::ZmqExecutionClient* client) : client_(client) {}
  SettableClock clock_;
  struct Timer {
    TimerId id;
    ExchangeTime when;
    std::string name;
  };
  std::vector<Timer> timers;
  std::optional<ChainRequest> chain_request;
  std::vector<ClientOrderId> sent;
  std::optional<ComboOrder> last_combo;
  Steady::time_point submit_entered{};

  const alvh::Clock& clock() const override { return clock_; }
  const ExchangeCalendar& calendar() const override { return calendar_; }
  const OptionPricer& pricer() const override { return pricer_; }
  double risk_free_rate() const override { return 0.04; }
  ClientOrderId submit_combo(const ComboOrder& o) override {
    submit_entered = Steady::now();
    ClientOrderId id = "p-" + std::to_string(++n_);
    if (client_ && !client_->submit_combo(id, o)) throw std::runtime_error("submit_combo could not be queued");
    sent.push_back(id);
    last_combo = o;
    return id;
  }
  ClientOrderId submit_order(const SingleOrder& o) override {
    ClientOrderId id = "p-" + std::to_string(++n_);
    if (client_ && !client_->submit_order(id, o)) throw std::runtime_error("submit_order could not be queued");
    sent.push_back(id);
    return id;
  }
  void cancel(const ClientOrderId& id) override {
    if (client_) client_->cancel(id);
  }
  std::vector<Order> open_orders() const override { return {}; }
  std::vector<Position> positions() const override { return {}; }
  PortfolioGreeks portfolio_greeks() const override { return {}; }
  AccountSummary account() const override {
    AccountSummary a{};
    a.equity = 100000.0;
    return a;
  }
  void request_chain(const ChainRequest& r) override { chain_request = r; }
  TimerId schedule(ExchangeTime when, std::string name) override {
    timers.push_back({++next_timer_, when, std::move(name)});
    return next_timer_;
  }
  void cancel_timer(TimerId id) override {
    std::erase_if(timers, [&](const Timer& t) { return t.id == id; });
  }
  void log(LogLevel, std::string_view, std::string_view) override {}
  void persist(std::string_view, std::string_view) override {}
  std::optional<std::string> restore(std::string_view) const override { return std::nullopt; }

 private:
  wire::ZmqExecutionClient* client_;
  WeekdayCalendar calendar_;
  NoPricer pricer_;
  std::uint64_t n_ = 0;
  TimerId next_timer_ = 0;
};

double norm_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// A synthetic SPXW chain like examples/minimal_host.c: Black-Scholes at 11% vol, 5-point strikes.
OptionChainSnapshot spxw_chain(ExchangeTime now, Date expiry) {
  const double f = 5150.0, vol = 0.11;
  const double t = static_cast<double>((std::chrono::sys_days{expiry} - std::chrono::sys_days{now.date}).count()) / 365.0 +
                   1.0 / 365.0 / 4.0;
  OptionChainSnapshot c;
  c.root = "SPXW";
  c.time = now;
  c.observed = utc_of(now);
  c.underlying = f;
  c.forwards = {{expiry, f}};
  for (double k = f - 300; k <= f + 300; k += 5) {
    for (OptionType right : {OptionType::Put, OptionType::Call}) {
      const bool call = right == OptionType::Call;
      const double sd = vol * std::sqrt(t), d1 = (std::log(f / k) + 0.5 * sd * sd) / sd, d2 = d1 - sd;
      const double price = call ? f * norm_cdf(d1) - k * norm_cdf(d2) : k * norm_cdf(-d2) - f * norm_cdf(-d1);
      if (price < 0.05) continue;
      const double half = std::max(0.05, 0.02 * price);
      const double delta = call ? norm_cdf(d1) : norm_cdf(d1) - 1.0;
      const double vega = f * std::exp(-0.5 * d1 * d1) / 2.5066282746310002 * std::sqrt(t) / 100.0;
      c.quotes.push_back({spxw_option(expiry, k, right), std::max(0.05, price - half), price + half, utc_of(now), vol,
                          delta, vega});
    }
  }
  return c;
}

// Drives one plug-in instance day by day; each day yields one event-to-order sample.
class PluginDriver {
 public:
  PluginDriver(const host::PluginLibrary& lib, const std::string& yaml, Link* link)
      : link_(link), ctx_(link ? &link->client : nullptr), strategy_(lib, {"alvh_portfolio", yaml, "config/alvh.yaml", false, false}) {
    ctx_.clock_.now = {day_, hhmm(9, 30)};
    strategy_.init(ctx_);
    strategy_.on_start();
  }

  // Untimed: the day up to the chain request of the condor entry timer.
  void prepare_day() {
    ctx_.clock_.now = {day_, hhmm(9, 30)};
    SignalSnapshot sig{ctx_.clock_.now,
                       {{"macd_vix.macd", -0.2}, {"macd_vix.signal", -0.1}, {"macd_vix.hist", -0.1},
                        {"rsi_vix", 45.0}, {"rsi_spx", 58.0}, {"adl.line", 1200.0}, {"adl.ema", 1100.0},
                        {"term_ratio", 0.88}, {"term_slope", 0.07}, {"vix", 14.5}},
                       {}};
    strategy_.on_signals(sig);
    ctx_.clock_.now.minutes = hhmm(15, 40);
    strategy_.on_index_values({ctx_.clock_.now, 5150.0, 14.5, 11.0, 13.5, 16.2, 82.0, 15.6});
    ctx_.chain_request.reset();
    // Fire today's condor entry timer only (the VIX ladder's review would order VIX calls too).
    auto it = std::find_if(ctx_.timers.begin(), ctx_.timers.end(),
                           [&](const auto& t) { return t.when.date == day_ && t.name == "iron_condor.entry"; });
    if (it == ctx_.timers.end()) throw std::runtime_error("no condor entry timer scheduled for " + to_iso(day_));
    auto timer = *it;
    ctx_.timers.erase(it);
    std::erase_if(ctx_.timers, [&](const auto& t) { return t.when.date <= day_; });
    ctx_.clock_.now.minutes = timer.when.minutes;
    strategy_.on_timer({timer.id, timer.name, timer.when});
    if (!ctx_.chain_request || ctx_.chain_request->root != "SPXW")
      throw std::runtime_error("the entry timer did not request the SPXW chain");
    const Date expiry = ctx_.chain_request->expiries.empty() ? next_weekday(day_) : ctx_.chain_request->expiries.front();
    chain_ = spxw_chain(ctx_.clock_.now, expiry);
    ctx_.sent.clear();
  }

  // Timed: chain answer -> decision -> submit -> ack. Returns {event->ack, submit->ack,
  // event->submit (the plug-in's decision, conversions included)} in ns.
  std::array<double, 3> sample() {
    const auto t0 = Steady::now();
    strategy_.on_option_chain(chain_);
    if (ctx_.sent.size() != 1) throw std::runtime_error("the plug-in sent " + std::to_string(ctx_.sent.size()) + " orders");
    if (link_) link_->await_ack(ctx_.sent.front());
    const auto t1 = Steady::now();
    return {std::chrono::duration<double, std::nano>(t1 - t0).count(),
            std::chrono::duration<double, std::nano>(t1 - ctx_.submit_entered).count(),
            std::chrono::duration<double, std::nano>(ctx_.submit_entered - t0).count()};
  }

  // Untimed: the order is reported rejected so tomorrow starts flat.
  void finish_day() {
    strategy_.on_order_event({ctx_.sent.front(), OrderState::Rejected, 0, "bench", utc_of(ctx_.clock_.now)});
    day_ = next_weekday(day_);
  }

  const std::optional<ComboOrder>& last_combo() const { return ctx_.last_combo; }

 private:
  Link* link_;
  ZmqHostContext ctx_;
  host::PluginStrategy strategy_;
  Date day_ = make_date(2024, 1, 2);
  OptionChainSnapshot chain_;
};

const host::PluginLibrary& plugin_library() {
  static const host::PluginLibrary library(plugin_path());
  return library;
}
const std::string& config_yaml() {
  static const std::string yaml = read_text(std::filesystem::path(ALVH_BENCH_DATA_DIR) / ".." / "config" / "alvh.yaml");
  return yaml;
}

// Untimed: the next day up to the chain. The calendar range is bounded, so every 2000 days a fresh
// instance (a restarted host) takes over.
void prepare_next_day(std::optional<PluginDriver>& driver, int& days, Link* link) {
  if (!driver || ++days == 2000) {
    driver.reset();
    driver.emplace(plugin_library(), config_yaml(), link);
    days = 0;
  }
  driver->prepare_day();
}

void BM_EventToOrderAck(benchmark::State& state, const std::string& transport) {
  zmq::context_t ctx;
  Link link(ctx, transport);
  RawEcho& raw = link.raw;
  std::optional<PluginDriver> driver;
  int days = 0;

  // One warm-up day gives the real order, whose envelope size the raw ping and the wire-only
  // sample reuse.
  prepare_next_day(driver, days, &link);
  (void)driver->sample();
  driver->finish_day();
  const ComboOrder combo = *driver->last_combo();
  const std::string ping = ping_for(combo);

  std::vector<double> ev_ns, sub_ns, dec_ns, wire_ns, raw_ns;
  for (auto* v : {&ev_ns, &sub_ns, &dec_ns, &wire_ns, &raw_ns}) v->reserve(static_cast<std::size_t>(state.max_iterations));
  for (auto _ : state) {
    state.PauseTiming();
    prepare_next_day(driver, days, &link);
    state.ResumeTiming();
    raw_ns.push_back(raw.round_trip_ns(ping));
    wire_ns.push_back(link.wire_round_trip_ns(combo));
    auto [ev, sub, dec] = driver->sample();
    ev_ns.push_back(ev);
    sub_ns.push_back(sub);
    dec_ns.push_back(dec);
    state.PauseTiming();
    driver->finish_day();
    state.ResumeTiming();
  }
  const double raw50 = percentile(raw_ns, 0.50);
  auto us = [](double ns) { return ns / 1000.0; };
  state.counters["raw_p50_us"] = us(raw50);
  state.counters["raw_p99_us"] = us(percentile(raw_ns, 0.99));
  state.counters["wire_p50_us"] = us(percentile(wire_ns, 0.50));
  state.counters["wire_p99_us"] = us(percentile(wire_ns, 0.99));
  state.counters["event_p50_us"] = us(percentile(ev_ns, 0.50));
  state.counters["event_p99_us"] = us(percentile(ev_ns, 0.99));
  state.counters["submit_ack_p50_us"] = us(percentile(sub_ns, 0.50));
  state.counters["decide_p50_us"] = us(percentile(dec_ns, 0.50));
  state.counters["envelope_bytes"] = static_cast<double>(ping.size());
  state.counters["event_ratio"] = raw50 > 0 ? percentile(ev_ns, 0.50) / raw50 : 0;
  state.counters["wire_ratio"] = raw50 > 0 ? percentile(wire_ns, 0.50) / raw50 : 0;
}

// The plug-in's decision alone: chain event in, order out of the context, no transport. This is
// the part of event_p50 that is not ZeroMQ.
void BM_PluginDecision(benchmark::State& state) {
  std::optional<PluginDriver> driver;
  int days = 0;
  std::vector<double> dec_ns;
  dec_ns.reserve(static_cast<std::size_t>(state.max_iterations));
  for (auto _ : state) {
    state.PauseTiming();
    prepare_next_day(driver, days, nullptr);
    state.ResumeTiming();
    dec_ns.push_back(driver->sample()[0]);
    state.PauseTiming();
    driver->finish_day();
    state.ResumeTiming();
  }
  state.counters["decide_p50_us"] = percentile(dec_ns, 0.50) / 1000.0;
  state.counters["decide_p99_us"] = percentile(dec_ns, 0.99) / 1000.0;
}

#endif  // ALVH_LATENCY_WITH_PLUGIN

}  // namespace

#ifdef ALVH_LATENCY_WITH_PLUGIN
// Each iteration: raw ping, wire-only order, plug-in event -> order; time column = their sum.
BENCHMARK(BM_PluginDecision)->Iterations(20000)->UseRealTime();
BENCHMARK_CAPTURE(BM_EventToOrderAck, ipc, std::string("ipc"))->Iterations(20000)->UseRealTime();
BENCHMARK_CAPTURE(BM_EventToOrderAck, tcp, std::string("tcp"))->Iterations(20000)->UseRealTime();
#else
BENCHMARK_CAPTURE(BM_OrderAck, ipc, std::string("ipc"))->Iterations(20000)->UseRealTime();
BENCHMARK_CAPTURE(BM_OrderAck, tcp, std::string("tcp"))->Iterations(20000)->UseRealTime();
#endif

BENCHMARK_MAIN();
