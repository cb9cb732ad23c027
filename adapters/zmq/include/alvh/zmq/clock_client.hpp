#pragma once
// Host side of the clock channel: announce the replay time and wait for the broker's answer.
// Blocking by design: the host must not send orders priced at a time the broker has not applied.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "alvh/zmq/clock_message.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/messages.hpp"

namespace zmq {
class context_t;
}

namespace alvh::wire {

struct ClockTimeout {};
using ClockReply = std::variant<ClockAck, wire::Nack, ClockTimeout>;

class ClockClient {
 public:
  ClockClient(zmq::context_t& context, const std::string& endpoint, std::string source = "alvh",
              std::optional<CurveClientConfig> curve = std::nullopt);
  ~ClockClient();
  ClockClient(const ClockClient&) = delete;
  ClockClient& operator=(const ClockClient&) = delete;

  // Sends the time and waits up to `timeout` for its reply (stale replies are skipped).
  // `session` is the backend session (HelloAck.session) the clock belongs to.
  ClockReply advance(ExchangeTime t, const std::string& session,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds{3000});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire
