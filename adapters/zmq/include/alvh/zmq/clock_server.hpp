#pragma once
// Broker side of the clock channel: a ROUTER that answers every clock message with an ack (what
// the clock did) or a nack (bad message, or a clock that moves backwards). Single-threaded, polled
// in the same loop as the ZmqBackendServer, so a clock is applied before any later command.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "alvh/zmq/clock_message.hpp"
#include "alvh/zmq/reject_reason.hpp"

namespace zmq {
class context_t;
}

namespace alvh::wire {

// Applies the time; throws std::invalid_argument to refuse it (answered as invalid_payload).
using ClockHandler = std::function<ClockAck(const ClockRequest&)>;

class ClockServer {
 public:
  // `curve_secret_key`: the socket becomes a CURVE server (clients authenticated by the context's ZAP
  // handler, i.e. the ZmqBackendServer's allow list, which must already exist).
  ClockServer(zmq::context_t& context, const std::string& endpoint, std::string source, ClockHandler handler,
              std::optional<std::string> curve_secret_key = std::nullopt);
  ~ClockServer();
  ClockServer(const ClockServer&) = delete;
  ClockServer& operator=(const ClockServer&) = delete;

  std::string endpoint() const;  // after binding (ephemeral port resolved)
  // Waits up to `timeout` for a message when none is pending; returns messages handled.
  int poll(std::chrono::milliseconds timeout);
  const wire::RejectionCounters& rejections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire
