#pragma once
// The paper broker's clock message, a paper-only extension of protocol v1 (docs/protocol.md, "Paper broker"): the host announces the
// replay time on a separate ROUTER so that it is applied before any order sent after its ack.
// Request: a protocol-v1 style envelope of type "clock"; reply: a v1 ack/nack envelope.
#include <cstdint>
#include <string>
#include <string_view>

#include "alvh/core/clock.hpp"
#include "alvh/zmq/result.hpp"

namespace alvh::wire {

inline constexpr std::string_view kClockType = "clock";
// Where alvh-paper-broker binds its clock channel unless told otherwise (--clock-endpoint).
inline constexpr std::string_view kDefaultClockEndpoint = "tcp://127.0.0.1:5557";

struct ClockRequest {
  std::string id;      // unique per sender; the reply's correlation_id
  std::string source;  // sender name
  ExchangeTime time;   // New York wall clock of the replay
  std::string session;  // the backend session (HelloAck.session) this clock belongs to
};

// ack payload: {"date","minutes","settlements","exec_seq"}.
struct ClockAck {
  ExchangeTime time;
  int settlements = 0;        // settlement events the clock caused
  std::uint64_t exec_seq = 0;  // last seq on exec.<account> after them: wait for it before going on
};

std::string encode_clock_request(const ClockRequest& r, std::uint64_t seq, std::int64_t send_time_ns);
// Never throws; the error names the field (codes as in the protocol's rejections).
wire::Result<ClockRequest> decode_clock_request(std::string_view bytes, std::size_t max_bytes = 64 * 1024);

std::string encode_clock_ack(const ClockAck& a);
wire::Result<ClockAck> decode_clock_ack(std::string_view payload);

}  // namespace alvh::wire
