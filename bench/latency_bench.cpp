// Event-to-order latency: a market event handed to a strategy, the strategy's order through
// ZmqExecutionClient -> ZmqBackendServer (protocol v1, JSON envelopes) and the backend's ack back,
// against the raw ZeroMQ round trip (DEALER -> ROUTER echo -> DEALER) measured in the same run, over
// ipc:// and tcp loopback. Each iteration is one round trip; p50/p99 are reported as counters.
// The strategy is a minimal in-process one (quote below a level -> buy): the ALVH portfolio in
// libalvh_plugin.so only orders from its entry timer after a chain request, which needs the whole
// replay around it, so it cannot be triggered by a single event.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>
#include <zmq.hpp>

#include "alvh/core/strategy.hpp"
#include "alvh/core/strategy_context.hpp"
#include "alvh/zmq/zmq_backend_server.hpp"
#include "alvh/zmq/zmq_execution_client.hpp"

using namespace alvh;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;
namespace wire = alvh::zmq;

namespace {

std::string endpoint(const std::string& transport, const std::string& name) {
  if (transport == "tcp") return "tcp://127.0.0.1:*";
  return "ipc://" + (std::filesystem::temp_directory_path() / ("alvh-lat-" + std::to_string(::getpid()) + "-" + name)).string();
}

double percentile(std::vector<double> ns, double q) {
  if (ns.empty()) return 0;
  std::sort(ns.begin(), ns.end());
  return ns[static_cast<std::size_t>(q * static_cast<double>(ns.size() - 1))];
}

// ---- raw: DEALER -> ROUTER (echo thread) -> DEALER --------------------------------------------

struct RawEcho {
  ::zmq::socket_t router, dealer;
  std::atomic<bool> stop{false};
  std::thread echo;
  RawEcho(::zmq::context_t& ctx, const std::string& transport)
      : router(ctx, ::zmq::socket_type::router), dealer(ctx, ::zmq::socket_type::dealer) {
    router.set(::zmq::sockopt::linger, 0);
    router.bind(endpoint(transport, "raw"));
    dealer.set(::zmq::sockopt::linger, 0);
    dealer.connect(router.get(::zmq::sockopt::last_endpoint));
    echo = std::thread([this] {
      std::vector<::zmq::pollitem_t> items{{router.handle(), 0, ZMQ_POLLIN, 0}};
      while (!stop) {
        if (::zmq::poll(items, 1ms) <= 0) continue;
        ::zmq::message_t id, body;
        if (!router.recv(id, ::zmq::recv_flags::dontwait)) continue;
        (void)router.recv(body);
        router.send(id, ::zmq::send_flags::sndmore);
        router.send(body, ::zmq::send_flags::none);
      }
    });
  }
  ~RawEcho() {
    stop = true;
    echo.join();
  }
  // One ping of `bytes`, the same size as an encoded submit_order envelope.
  double round_trip_ns(const std::string& bytes) {
    const auto t0 = Steady::now();
    dealer.send(::zmq::buffer(bytes), ::zmq::send_flags::none);
    ::zmq::message_t reply;
    (void)dealer.recv(reply);
    return std::chrono::duration<double, std::nano>(Steady::now() - t0).count();
  }
};

// ---- through a strategy and protocol v1 --------------------------------------------------------

class AcceptingHandler final : public wire::BackendHandler {
 public:
  wire::CommandVerdict on_submit_combo(const ClientOrderId&, const ComboOrder&) override { return wire::CommandVerdict::accept(); }
  wire::CommandVerdict on_submit_order(const ClientOrderId&, const SingleOrder&) override { return wire::CommandVerdict::accept(); }
  wire::CommandVerdict on_cancel(const ClientOrderId&) override { return wire::CommandVerdict::accept(); }
  wire::BackendSnapshot on_snapshot() override { return {}; }
};

struct FixedClock final : alvh::Clock {
  Timestamp now_utc() const override { return Timestamp{}; }
  ExchangeTime now_local() const override { return {make_date(2024, 3, 18), hhmm(15, 45)}; }
};
struct NoCalendar final : ExchangeCalendar {
  bool is_trading_day(Date) const override { return true; }
  bool is_early_close(Date) const override { return false; }
};
struct NoPricer final : OptionPricer {
  OptionGreeks bsm(const BsmInput&) const override { return {}; }
  OptionGreeks black76(const Black76Input&) const override { return {}; }
  ImpliedVol bsm_implied_vol(const BsmInput&, double) const override { return {}; }
  ImpliedVol black76_implied_vol(const Black76Input&, double) const override { return {}; }
};

// A StrategyContext whose orders go out through the ZeroMQ client (what a live host does).
class ZmqContext final : public StrategyContext {
 public:
  explicit ZmqContext(wire::ZmqExecutionClient& client) : client_(&client) {}
  const alvh::Clock& clock() const override { return clock_; }
  const ExchangeCalendar& calendar() const override { return calendar_; }
  const OptionPricer& pricer() const override { return pricer_; }
  ClientOrderId submit_combo(const ComboOrder& o) override {
    const ClientOrderId id = "b-" + std::to_string(++n_);
    client_->submit_combo(id, o);
    return id;
  }
  ClientOrderId submit_order(const SingleOrder& o) override {
    const ClientOrderId id = "b-" + std::to_string(++n_);
    client_->submit_order(id, o);
    return id;
  }
  void cancel(const ClientOrderId& id) override { client_->cancel(id); }
  std::vector<Order> open_orders() const override { return {}; }
  std::vector<Position> positions() const override { return {}; }
  PortfolioGreeks portfolio_greeks() const override { return {}; }
  AccountSummary account() const override { return {}; }
  void request_chain(const ChainRequest&) override {}
  TimerId schedule(ExchangeTime, std::string) override { return 0; }
  void cancel_timer(TimerId) override {}
  void log(LogLevel, std::string_view, std::string_view) override {}
  void persist(std::string_view, std::string_view) override {}
  std::optional<std::string> restore(std::string_view) const override { return std::nullopt; }

 private:
  wire::ZmqExecutionClient* client_;
  FixedClock clock_;
  NoCalendar calendar_;
  NoPricer pricer_;
  std::uint64_t n_ = 0;
};

// Buys one VIX call whenever its quote mid is below a level: one decision, one order per event.
class DipBuyer final : public Strategy {
 public:
  std::string_view name() const override { return "dip-buyer"; }
  void init(StrategyContext& ctx) override { ctx_ = &ctx; }
  void on_quotes(const QuoteSnapshot& s) override {
    for (const Quote& q : s.quotes)
      if (q.mid() < 1.0) ctx_->submit_order({q.instrument, Side::Buy, 1, q.ask, "ladder:front"});
  }

 private:
  StrategyContext* ctx_ = nullptr;
};

void BM_EventToOrderAck(benchmark::State& state, const std::string& transport) {
  ::zmq::context_t ctx;
  AcceptingHandler handler;
  wire::ServerConfig sc;
  sc.command_endpoint = endpoint(transport, "cmd");
  sc.event_endpoint = endpoint(transport, "ev");
  sc.account = "DU1";
  sc.session_timeout = 60s;
  wire::ZmqBackendServer server(ctx, sc, handler);
  std::atomic<bool> stop{false};
  std::thread backend([&] {
    while (!stop) server.poll(1ms);
  });
  wire::ClientConfig cc;
  cc.command_endpoint = server.command_endpoint();
  cc.event_endpoint = server.event_endpoint();
  cc.account = "DU1";
  cc.heartbeat_timeout = 60s;
  wire::ZmqExecutionClient client(ctx, cc);
  client.hello();
  for (auto deadline = Steady::now() + 3s; Steady::now() < deadline && client.state() != wire::LinkState::Up;)
    client.poll(1ms);
  for (int i = 0; i < 50; ++i) client.poll(1ms);  // take the start-up snapshot
  ZmqContext context(client);
  DipBuyer strategy;
  strategy.init(context);
  QuoteSnapshot snap{{make_date(2024, 3, 18), hhmm(15, 45)},
                     {Quote{vix_option(make_date(2024, 4, 17), 20, OptionType::Call), 0.80, 0.90, {}, {}, {}, {}}}};
  RawEcho raw(ctx, transport);
  const std::string ping(420, 'x');
  std::vector<double> ns, raw_ns;
  ns.reserve(100000);
  raw_ns.reserve(100000);
  for (auto _ : state) {
    // Raw and protocol round trips alternate, so machine load affects both alike.
    raw_ns.push_back(raw.round_trip_ns(ping));
    const auto t0 = Steady::now();
    strategy.on_quotes(snap);
    bool acked = false;
    while (!acked)
      for (const auto& e : client.poll(100ms))
        if (const auto* a = std::get_if<wire::CommandAck>(&e); a && a->command == wire::MessageType::SubmitOrder) acked = true;
    ns.push_back(std::chrono::duration<double, std::nano>(Steady::now() - t0).count());
  }
  stop = true;
  backend.join();
  const double p50 = percentile(ns, 0.50), raw50 = percentile(raw_ns, 0.50);
  state.counters["order_p50_us"] = p50 / 1000.0;
  state.counters["order_p99_us"] = percentile(ns, 0.99) / 1000.0;
  state.counters["raw_p50_us"] = raw50 / 1000.0;
  state.counters["raw_p99_us"] = percentile(raw_ns, 0.99) / 1000.0;
  state.counters["p50_ratio"] = raw50 > 0 ? p50 / raw50 : 0;
}

}  // namespace

// Each iteration: one raw ping, then one event -> order -> ack; the time column is their sum.
BENCHMARK_CAPTURE(BM_EventToOrderAck, ipc, std::string("ipc"))->Iterations(20000)->UseRealTime();
BENCHMARK_CAPTURE(BM_EventToOrderAck, tcp, std::string("tcp"))->Iterations(20000)->UseRealTime();

BENCHMARK_MAIN();
