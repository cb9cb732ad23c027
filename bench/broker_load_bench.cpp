// Sustained load through the paper broker and the protocol-v1 adapter over tcp loopback.
//
// One process, two threads, each owning its own sockets:
//   broker  PaperBroker (bundled data, replay clock 2024-03-18 15:50) behind ZmqBackendServer. It
//           publishes --rate order events per second on exec.paper (ids "ev-<n>", n = 1, 2, ...)
//           and fills the orders the client sends, publishing their events and fills on the same
//           topic, as alvh-paper-broker does.
//   client  ZmqExecutionClient (session, heartbeats, sequence checking). It sends --orders single
//           VIX-call orders per second to the broker and reads everything that comes back.
// Checked at the end: every "ev-<n>" arrived exactly once and in order, the client saw no sequence
// gap and its last exec sequence equals the broker's, every order was acknowledged. Memory: RSS is
// sampled every second; "bounded" means the maximum over the second half of the run is not above
// the maximum over the first half by more than --rss-slack-mb.
//
// Not a Google Benchmark: the figure is a pass/fail at a fixed rate, not a time per iteration.
// Usage: broker_load_bench [--seconds 60] [--rate 10000] [--orders 100] [--rss-slack-mb 8]
// Exit status 0 when every check holds, 1 otherwise.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>
#include <zmq.hpp>

#include "alvh/broker/paper_broker.hpp"
#include "alvh/venue/simulated_market.hpp"
#include "alvh/broker/server_event_publisher.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/data/market_history_loader.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/zmq/topics.hpp"
#include "alvh/zmq/zmq_backend_server.hpp"
#include "alvh/zmq/zmq_execution_client.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Options {
  int seconds = 60;
  int rate = 10000;   // synthetic exec events per second, broker -> client
  int orders = 100;   // orders per second, client -> broker (each: ack + accepted, filled, fill)
  double rss_slack_mb = 8.0;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--seconds") o.seconds = std::stoi(v);
    else if (k == "--rate") o.rate = std::stoi(v);
    else if (k == "--orders") o.orders = std::stoi(v);
    else if (k == "--rss-slack-mb") o.rss_slack_mb = std::stod(v);
    else throw std::invalid_argument("unknown option " + k);
  }
  return o;
}

double rss_mb() {
  std::ifstream in("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  in >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// How many of `per_second` are due `elapsed` after the start.
std::uint64_t due(Clock::duration elapsed, int per_second) {
  return static_cast<std::uint64_t>(std::chrono::duration<double>(elapsed).count() * per_second);
}

struct Shared {
  std::atomic<bool> client_ready{false};
  std::atomic<bool> stop_publishing{false};
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> published{0};
  std::atomic<std::uint64_t> broker_last_seq{0};
  std::mutex endpoints_mutex;
  std::string command_endpoint, event_endpoint;
  std::atomic<bool> bound{false};
  std::exception_ptr failure;
};

void run_broker(const Options& opt, Shared& s) {
  try {
    const alvh::QuantLibPricer pricer;
    const alvh::NyseCalendar calendar;
    const alvh::DailyPanel panel = alvh::build_daily_panel(alvh::load_market_history(ALVH_BENCH_DATA_DIR));
    const alvh::venue::SimulatedMarket market(panel, pricer, calendar);
    alvh::broker::PaperBroker broker(market);
    broker.set_clock({alvh::make_date(2024, 3, 18), alvh::hhmm(15, 50)});

    zmq::context_t ctx;
    alvh::wire::ServerConfig cfg;
    cfg.account = "paper";
    cfg.source = "paper";
    alvh::wire::ZmqBackendServer server(ctx, cfg, broker);
    alvh::broker::ServerEventPublisher publisher(server);
    broker.set_publisher(&publisher);
    {
      std::lock_guard lock(s.endpoints_mutex);
      s.command_endpoint = server.command_endpoint();
      s.event_endpoint = server.event_endpoint();
    }
    s.bound = true;

    const std::string topic = alvh::wire::exec_topic("paper");
    while (!s.client_ready && !s.stop) server.poll(1ms);
    const auto start = Clock::now();
    const auto publish_for = std::chrono::seconds(opt.seconds);
    std::uint64_t n = 0;
    while (!s.stop) {
      const auto elapsed = Clock::now() - start;
      if (elapsed < publish_for && !s.stop_publishing) {
        const std::uint64_t target = due(elapsed, opt.rate);
        for (; n < target; ++n) {
          alvh::OrderEvent e;
          e.id = "ev-" + std::to_string(n + 1);
          e.state = alvh::OrderState::Accepted;
          e.time = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
          server.publish_order_event(e);
        }
        s.published = n;
      } else {
        s.stop_publishing = true;
      }
      server.poll(n < due(Clock::now() - start, opt.rate) ? 0ms : 1ms);
      s.broker_last_seq = server.last_sequence(topic);
    }
  } catch (...) {
    s.failure = std::current_exception();
    s.bound = true;
    s.stop = true;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  Shared s;
  std::thread broker_thread(run_broker, std::cref(opt), std::ref(s));
  while (!s.bound) std::this_thread::sleep_for(10ms);
  if (s.failure) {
    broker_thread.join();
    std::rethrow_exception(s.failure);
  }

  zmq::context_t ctx;
  alvh::wire::ClientConfig cfg;
  {
    std::lock_guard lock(s.endpoints_mutex);
    cfg.command_endpoint = s.command_endpoint;
    cfg.event_endpoint = s.event_endpoint;
  }
  cfg.account = "paper";
  cfg.source = "load";
  alvh::wire::ZmqExecutionClient client(ctx, cfg);
  client.hello();

  std::uint64_t next_event = 1, out_of_order = 0, other_events = 0, acks = 0, nacks = 0, gaps = 0;
  std::uint64_t orders_sent = 0;
  bool up = false;
  auto handle = [&](const std::vector<alvh::wire::ClientEvent>& events) {
    for (const auto& ev : events) {
      if (const auto* oe = std::get_if<alvh::OrderEvent>(&ev)) {
        if (oe->id.rfind("ev-", 0) == 0) {
          if (std::stoull(oe->id.substr(3)) == next_event) ++next_event;
          else ++out_of_order;
        } else {
          ++other_events;
        }
      } else if (std::holds_alternative<alvh::Fill>(ev)) {
        ++other_events;
      } else if (const auto* a = std::get_if<alvh::wire::CommandAck>(&ev)) {
        if (!a->client_order_id.empty()) ++acks;
      } else if (const auto* nk = std::get_if<alvh::wire::CommandNack>(&ev)) {
        ++nacks;
        std::cerr << "nack: " << nk->nack.code << " " << nk->nack.message << "\n";
      } else if (std::holds_alternative<alvh::wire::SequenceGap>(ev)) {
        ++gaps;
      } else if (std::holds_alternative<alvh::wire::SnapshotReceived>(ev)) {
        up = true;  // hello acknowledged and the first snapshot in: the streams are synchronised
      }
    }
  };
  const auto connect_deadline = Clock::now() + 10s;
  while (!up && Clock::now() < connect_deadline) handle(client.poll(10ms));
  if (!up) {
    std::cerr << "no session with the broker within 10 s\n";
    s.stop = true;
    broker_thread.join();
    return 1;
  }

  std::vector<double> rss;
  const alvh::Date april = alvh::make_date(2024, 4, 17);
  s.client_ready = true;
  const auto start = Clock::now();
  auto next_sample = start;
  const auto run_for = std::chrono::seconds(opt.seconds);
  while (Clock::now() - start < run_for) {
    const auto now = Clock::now();
    if (now >= next_sample) {
      rss.push_back(rss_mb());
      next_sample += 1s;
    }
    for (; orders_sent < due(now - start, opt.orders); ++orders_sent) {
      const alvh::SingleOrder order{alvh::vix_option(april, 18, alvh::OptionType::Call), alvh::Side::Buy, 1, 5.0,
                                    "load"};
      client.submit_order("load-" + std::to_string(orders_sent + 1), order);
    }
    handle(client.poll(1ms));
  }
  // Drain: everything published must arrive.
  s.stop_publishing = true;
  const auto drain_deadline = Clock::now() + 10s;
  while (Clock::now() < drain_deadline &&
         (next_event - 1 < s.published.load() || acks + nacks < orders_sent ||
          client.last_sequence(alvh::wire::exec_topic("paper")) < s.broker_last_seq.load()))
    handle(client.poll(10ms));
  s.stop = true;
  broker_thread.join();
  if (s.failure) std::rethrow_exception(s.failure);

  const std::uint64_t published = s.published.load(), received = next_event - 1;
  const std::uint64_t broker_seq = s.broker_last_seq.load();
  const std::uint64_t client_seq = client.last_sequence(alvh::wire::exec_topic("paper"));
  const std::size_t half = rss.size() / 2;
  double first_max = 0, second_max = 0;
  for (std::size_t i = 0; i < rss.size(); ++i) {
    double& m = i < half ? first_max : second_max;
    m = std::max(m, rss[i]);
  }
  const double seconds = std::chrono::duration<double>(run_for).count();
  const double total_rate = static_cast<double>(published + other_events + 2 * orders_sent) / seconds;

  std::printf("duration            %d s over tcp loopback\n", opt.seconds);
  std::printf("events published    %llu (%.0f/s), received in order %llu, out of order %llu\n",
              static_cast<unsigned long long>(published), static_cast<double>(published) / seconds,
              static_cast<unsigned long long>(received), static_cast<unsigned long long>(out_of_order));
  std::printf("orders sent         %llu, acked %llu, nacked %llu, their events+fills %llu\n",
              static_cast<unsigned long long>(orders_sent), static_cast<unsigned long long>(acks),
              static_cast<unsigned long long>(nacks), static_cast<unsigned long long>(other_events));
  std::printf("exec sequence       broker %llu, client %llu, gaps detected %llu\n",
              static_cast<unsigned long long>(broker_seq), static_cast<unsigned long long>(client_seq),
              static_cast<unsigned long long>(gaps + client.gaps_detected()));
  std::printf("messages on wire    %.0f/s (events + order events/fills + commands + acks)\n", total_rate);
  std::printf("rss                 first half max %.1f MB, second half max %.1f MB (slack %.1f MB), samples",
              first_max, second_max, opt.rss_slack_mb);
  for (double r : rss) std::printf(" %.1f", r);
  std::printf("\n");

  bool ok = true;
  auto require = [&](bool cond, const char* what) {
    if (!cond) {
      std::printf("FAILED: %s\n", what);
      ok = false;
    }
  };
  require(published >= static_cast<std::uint64_t>(0.99 * opt.rate * opt.seconds), "the broker kept the publishing rate");
  require(received == published && out_of_order == 0, "every event arrived once, in order");
  require(gaps == 0 && client.gaps_detected() == 0, "no sequence gap");
  require(client_seq == broker_seq, "client's last exec sequence equals the broker's");
  require(acks == orders_sent && nacks == 0, "every order acknowledged");
  require(rss.size() >= 2 && second_max <= first_max + opt.rss_slack_mb, "memory bounded");
  std::printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
