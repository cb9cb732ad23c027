#pragma once
// Host side of the clock channel: announce the replay time and wait for the broker's answer.
// Blocking by design: the host must not send orders priced at a time the broker has not applied.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "alvh/broker/clock_message.hpp"
#include "alvh/zmq/messages.hpp"

namespace zmq {
class context_t;
}

namespace alvh::broker {

struct ClockTimeout {};
using ClockReply = std::variant<ClockAck, zmq::Nack, ClockTimeout>;

class ClockClient {
 public:
  ClockClient(::zmq::context_t& context, const std::string& endpoint, std::string source = "alvh");
  ~ClockClient();
  ClockClient(const ClockClient&) = delete;
  ClockClient& operator=(const ClockClient&) = delete;

  // Sends the time and waits up to `timeout` for its reply (stale replies are skipped).
  ClockReply advance(ExchangeTime t, std::chrono::milliseconds timeout = std::chrono::milliseconds{3000});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::broker
