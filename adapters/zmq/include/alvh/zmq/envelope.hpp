#pragma once
// The protocol-v1 envelope (docs/protocol.md, "Envelope"). Every message on every socket is one
// envelope serialised as a JSON object; the payload is a nested JSON object kept here as text so
// that JSON library types never leak into this header.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "alvh/zmq/message_type.hpp"
#include "alvh/zmq/result.hpp"

namespace alvh::wire {

inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kDefaultMaxMessageBytes = 64 * 1024;

struct Envelope {
  int version = kProtocolVersion;
  MessageType type = MessageType::Heartbeat;
  std::string id;              // unique per source, e.g. "strat-1-1710530700000000000-17"
  std::string correlation_id;  // replies: id of the command answered; otherwise empty
  std::string source;          // sender name
  std::uint64_t seq = 0;       // per-stream sequence number (PUB: per topic, starting at 1)
  std::int64_t event_time_ns = 0;  // when the described thing happened, UTC ns
  std::int64_t send_time_ns = 0;   // when the message was sent, UTC ns
  std::string payload = "{}";      // JSON object text
};

// Serialises `e`. Throws std::invalid_argument if `e.payload` is not a JSON object: that is a bug in
// the caller, unlike bad input from the wire which decode reports as a ProtocolError.
std::string encode_envelope(const Envelope& e);

// Parses and validates an envelope: size, JSON, required fields and types, version == 1, known type.
// Never throws.
Result<Envelope> decode_envelope(std::string_view bytes, std::size_t max_bytes = kDefaultMaxMessageBytes);

}  // namespace alvh::wire
