#pragma once
// Strategy side of protocol v1: a DEALER for commands and a SUB for events. Single-threaded and
// non-blocking: send_* queue a command and return its message id (nullopt if it could not be
// queued); poll() returns whatever arrived plus link events. The client keeps the session alive:
// it heartbeats, detects a silent backend, re-sends hello after a reconnect or a hello_required
// nack, requests a snapshot after every hello, and recovers sequence gaps on exec topics by
// snapshot-then-delta (docs/protocol.md, "Recovery").
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/message_type.hpp"
#include "alvh/zmq/messages.hpp"
#include "alvh/zmq/reject_reason.hpp"
#include "alvh/zmq/wire_time.hpp"

namespace zmq {
class context_t;
}

namespace alvh::wire {

struct ClientConfig {
  std::string command_endpoint;  // the backend's ROUTER, e.g. tcp://127.0.0.1:5555
  std::string event_endpoint;    // the backend's PUB
  std::string source = "alvh";
  std::string account;
  std::vector<std::string> topics;  // extra prefixes (md.SPXW, chain.VIX); exec.<account> and status are implied
  std::optional<BackendMode> expected_mode;  // refuse a backend declaring another mode
  std::chrono::milliseconds heartbeat_interval{1000};
  std::chrono::milliseconds heartbeat_timeout{3000};  // silence longer than this = link lost
  std::size_t max_message_bytes = 16 * 1024 * 1024;  // snapshots can be large
  int send_hwm = 1000;
  int receive_hwm = 100000;
  std::optional<CurveClientConfig> curve;
  NowFunction now;  // empty = system clock
};

enum class LinkState { Idle, Connecting, Up, Lost, Refused };

struct CommandAck {
  std::string correlation_id;
  MessageType command = MessageType::Heartbeat;  // which command this answers
  std::string payload;                           // JSON text (OrderAck, HelloAck, BackendSnapshot, {})
  ClientOrderId client_order_id;
  bool duplicate = false;
};
struct CommandNack {
  std::string correlation_id;
  MessageType command = MessageType::Heartbeat;
  Nack nack;
};
struct SessionEstablished {
  HelloAck hello;
};
struct SessionRefused {
  std::string reason;
};
struct SnapshotReceived {
  BackendSnapshot snapshot;
};
struct SequenceGap {
  std::string topic;
  std::uint64_t expected = 0;
  std::uint64_t received = 0;
};
struct LinkLost {
  std::chrono::nanoseconds silence{};
};
struct LinkRestored {};

using ClientEvent = std::variant<CommandAck, CommandNack, SessionEstablished, SessionRefused, SnapshotReceived,
                                 OrderEvent, Fill, Settlement, Quote, OptionChainSnapshot, SequenceGap, LinkLost,
                                 LinkRestored>;

class ZmqExecutionClient {
 public:
  ZmqExecutionClient(zmq::context_t& context, ClientConfig config);
  ~ZmqExecutionClient();
  ZmqExecutionClient(const ZmqExecutionClient&) = delete;
  ZmqExecutionClient& operator=(const ZmqExecutionClient&) = delete;

  // Opens (or re-opens) the session: hello, then a snapshot request once hello is acknowledged.
  std::optional<std::string> hello();
  // Order commands are only sent while the session is Up.
  std::optional<std::string> submit_combo(const ClientOrderId& id, const ComboOrder& order);
  std::optional<std::string> submit_order(const ClientOrderId& id, const SingleOrder& order);
  std::optional<std::string> cancel(const ClientOrderId& id);
  std::optional<std::string> request_snapshot();
  std::optional<std::string> send_heartbeat();

  // Waits up to `timeout` for messages when none are pending, then returns all that arrived plus
  // any link/gap events; sends due heartbeats.
  std::vector<ClientEvent> poll(std::chrono::milliseconds timeout);

  LinkState state() const;
  const std::optional<HelloAck>& session() const;
  const RejectionCounters& rejections() const;  // bad messages received from the backend
  std::uint64_t gaps_detected() const;
  std::uint64_t last_sequence(const std::string& topic) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire
