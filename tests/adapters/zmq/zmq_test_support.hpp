#pragma once
// Shared fixtures for the ZeroMQ adapter tests: a fake clock, a recording backend handler, a raw
// DEALER peer for hand-written (broken) messages and a pump that drives server and client in turn.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "alvh/core/date.hpp"
#include "alvh/zmq/backend_handler.hpp"
#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/zmq_backend_server.hpp"
#include "alvh/zmq/zmq_execution_client.hpp"

namespace alvh::wire::test {

using namespace std::chrono_literals;

// Time moves only when a test says so; heartbeat timeouts are then checked without sleeping.
struct FakeClock {
  std::shared_ptr<WireTime> t = std::make_shared<WireTime>(std::chrono::sys_days{std::chrono::year{2024} / 3 / 14} +
                                                           std::chrono::hours{19});
  NowFunction fn() const {
    return [t = t] { return *t; };
  }
  void advance(std::chrono::nanoseconds d) { *t += d; }
};

struct RecordingHandler : BackendHandler {
  std::vector<ClientOrderId> combos, singles, cancels;
  std::vector<std::string> sessions_lost;
  std::string reject_id;  // submits with this id are refused
  bool throw_on_submit = false;
  BackendSnapshot snapshot;

  CommandVerdict on_submit_combo(const ClientOrderId& id, const ComboOrder&) override {
    if (throw_on_submit) throw std::runtime_error("boom");
    combos.push_back(id);
    return id == reject_id ? CommandVerdict::reject("max open condors reached") : CommandVerdict::accept();
  }
  CommandVerdict on_submit_order(const ClientOrderId& id, const SingleOrder&) override {
    singles.push_back(id);
    return id == reject_id ? CommandVerdict::reject("no") : CommandVerdict::accept();
  }
  CommandVerdict on_cancel(const ClientOrderId& id) override {
    cancels.push_back(id);
    return CommandVerdict::accept();
  }
  BackendSnapshot on_snapshot() override { return snapshot; }
  void on_session_lost(const std::string& source) override { sessions_lost.push_back(source); }
};

inline Date test_expiry() { return make_date(2024, 3, 15); }

inline ComboOrder iron_condor() {
  ComboOrder o;
  Date e = test_expiry();
  o.legs = {{spxw_option(e, 5000, OptionType::Put), Side::Buy, 1},
            {spxw_option(e, 5050, OptionType::Put), Side::Sell, 1},
            {spxw_option(e, 5250, OptionType::Call), Side::Sell, 1},
            {spxw_option(e, 5300, OptionType::Call), Side::Buy, 1}};
  o.quantity = 2;
  o.limit = 3.45;
  o.effect = PriceEffect::Credit;
  o.tag = "ic:2024-03-14";
  return o;
}

inline ServerConfig server_config(const FakeClock& clock) {
  ServerConfig c;
  c.account = "DU123";
  c.source = "paper";
  c.now = clock.fn();
  return c;
}

inline ClientConfig client_config(const ZmqBackendServer& server, const FakeClock& clock) {
  ClientConfig c;
  c.command_endpoint = server.command_endpoint();
  c.event_endpoint = server.event_endpoint();
  c.account = "DU123";
  c.source = "strat";
  c.now = clock.fn();
  return c;
}

template <class T>
std::vector<T> events_of(const std::vector<ClientEvent>& events) {
  std::vector<T> out;
  for (const auto& e : events)
    if (const T* x = std::get_if<T>(&e)) out.push_back(*x);
  return out;
}

// Runs server and client turns until `done(all events so far)` or ~1.5 s of wall time.
inline std::vector<ClientEvent> pump(ZmqBackendServer& server, ZmqExecutionClient& client,
                                     const std::function<bool(const std::vector<ClientEvent>&)>& done,
                                     std::chrono::milliseconds budget = 1500ms) {
  std::vector<ClientEvent> all;
  auto deadline = std::chrono::steady_clock::now() + budget;
  while (std::chrono::steady_clock::now() < deadline) {
    server.poll(1ms);
    for (auto& e : client.poll(1ms)) all.push_back(std::move(e));
    if (done(all)) break;
  }
  return all;
}

template <class T>
bool has(const std::vector<ClientEvent>& events) {
  for (const auto& e : events)
    if (std::holds_alternative<T>(e)) return true;
  return false;
}

// A bare DEALER that sends exactly the bytes a test gives it.
struct RawPeer {
  zmq::socket_t socket;
  RawPeer(zmq::context_t& ctx, const std::string& endpoint) : socket(ctx, zmq::socket_type::dealer) {
    socket.set(zmq::sockopt::linger, 0);
    socket.connect(endpoint);
  }
  void send(const std::string& bytes) { socket.send(zmq::buffer(bytes), zmq::send_flags::none); }
  // Serves the server until one reply arrives (or ~1 s passes).
  std::optional<Envelope> reply(ZmqBackendServer& server) {
    auto deadline = std::chrono::steady_clock::now() + 1000ms;
    while (std::chrono::steady_clock::now() < deadline) {
      server.poll(1ms);
      zmq::message_t m;
      if (socket.recv(m, zmq::recv_flags::dontwait)) {
        auto e = decode_envelope(m.to_string_view(), 1 << 20);
        if (e) return e.value();
        return std::nullopt;
      }
    }
    return std::nullopt;
  }
};

}  // namespace alvh::wire::test
