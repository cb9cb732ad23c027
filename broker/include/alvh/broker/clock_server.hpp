#pragma once
// Broker side of the clock channel: a ROUTER that answers every clock message with an ack (what
// the clock did) or a nack (bad message, or a clock that moves backwards). Single-threaded, polled
// in the same loop as the ZmqBackendServer, so a clock is applied before any later command.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "alvh/broker/clock_message.hpp"
#include "alvh/zmq/reject_reason.hpp"

namespace zmq {
class context_t;
}

namespace alvh::broker {

// Applies the time; throws std::invalid_argument to refuse it (answered as invalid_payload).
using ClockHandler = std::function<ClockAck(const ClockRequest&)>;

class ClockServer {
 public:
  ClockServer(::zmq::context_t& context, const std::string& endpoint, std::string source, ClockHandler handler);
  ~ClockServer();
  ClockServer(const ClockServer&) = delete;
  ClockServer& operator=(const ClockServer&) = delete;

  std::string endpoint() const;  // after binding (ephemeral port resolved)
  // Waits up to `timeout` for a message when none is pending; returns messages handled.
  int poll(std::chrono::milliseconds timeout);
  const zmq::RejectionCounters& rejections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::broker
