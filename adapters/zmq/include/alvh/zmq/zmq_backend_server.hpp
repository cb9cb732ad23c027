#pragma once
// Backend side of protocol v1: a ROUTER for commands and a PUB for events. Single-threaded: the
// owner calls poll() in its loop; poll() answers commands, serves CURVE authentication (ZAP),
// publishes heartbeats and expires silent sessions. All calls must come from that one thread.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/zmq/backend_handler.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/message_type.hpp"
#include "alvh/zmq/reject_reason.hpp"
#include "alvh/zmq/wire_time.hpp"

namespace zmq {
class context_t;
}

namespace alvh::wire {

struct ServerConfig {
  std::string command_endpoint = "tcp://127.0.0.1:*";  // loopback by default; "*" = ephemeral port
  std::string event_endpoint = "tcp://127.0.0.1:*";
  std::string source = "backend";
  std::string account;  // the account this backend trades; hello naming another is refused
  BackendMode mode = BackendMode::Paper;
  std::size_t max_message_bytes = 64 * 1024;  // larger commands get an "oversized" nack
  // ZMQ_MAXMSGSIZE: beyond this libzmq drops the connection (no reply possible). 0 = 4x the above,
  // so that moderately oversized commands can still be answered.
  std::size_t transport_max_message_bytes = 0;
  std::chrono::milliseconds heartbeat_interval{1000};
  std::chrono::milliseconds session_timeout{3000};  // silent client session is dropped after this
  int send_hwm = 10000;
  int receive_hwm = 10000;
  std::optional<CurveServerConfig> curve;  // set = CURVE on both sockets + ZAP key check
  NowFunction now;                         // empty = system clock
};

class ZmqBackendServer {
 public:
  // Binds both sockets (and the ZAP handler when CURVE is on; one CURVE server per context).
  // Throws std::runtime_error / zmq::error_t if binding fails.
  ZmqBackendServer(zmq::context_t& context, ServerConfig config, BackendHandler& handler);
  ~ZmqBackendServer();
  ZmqBackendServer(const ZmqBackendServer&) = delete;
  ZmqBackendServer& operator=(const ZmqBackendServer&) = delete;

  // Actual endpoints after binding (ephemeral ports resolved), for clients to connect to.
  std::string command_endpoint() const;
  std::string event_endpoint() const;

  // Waits up to `timeout` for work, then handles everything pending. Returns messages handled.
  int poll(std::chrono::milliseconds timeout);
  // The command socket's libzmq handle (a zmq_pollitem_t socket), so an owner can wait on this
  // server and its own sockets in one zmq_poll and call poll(0ms) when the server is readable.
  void* native_handle() const;

  // Publishing: each topic has its own sequence, starting at 1. Returns the sequence used.
  std::uint64_t publish_order_event(const OrderEvent& e);
  std::uint64_t publish_fill(const Fill& f);
  std::uint64_t publish_settlement(const Settlement& s);
  std::uint64_t publish_quote(const Quote& q);
  std::uint64_t publish_chain(const OptionChainSnapshot& c);
  std::uint64_t publish(std::string_view topic, MessageType type, const std::string& payload_json,
                        WireTime event_time);

  const RejectionCounters& rejections() const;
  std::uint64_t duplicates() const;  // duplicate submits answered from the record
  std::uint64_t last_sequence(std::string_view topic) const;
  std::size_t session_count() const;
  const std::string& session_id() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire
