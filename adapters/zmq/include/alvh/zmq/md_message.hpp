#pragma once
// Market-data messages of alvh-feed (docs/protocol.md §11). They use the protocol-v1 envelope
// unchanged, but the feed adds message types (`market_day`, `end_of_data`) that the execution
// envelope's decoder does not know, so the type is kept as text here and checked against the feed's own list.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "alvh/zmq/result.hpp"
#include "alvh/zmq/topics.hpp"

namespace alvh::wire {

inline constexpr std::string_view kDayTopic = "md.day";  // market_day, end_of_data (heartbeats: kStatusTopic)
inline constexpr std::size_t kMaxMdMessageBytes = 16 * 1024 * 1024;

struct MdMessage {
  int version = 1;
  std::string type = "heartbeat";
  std::string id;
  std::string correlation_id;
  std::string source;
  std::uint64_t seq = 0;
  std::int64_t event_time_ns = 0;
  std::int64_t send_time_ns = 0;
  std::string payload = "{}";  // JSON object text
};

// Types the feed sends or answers: heartbeat, market_day, end_of_data, chain, snapshot_request, ack, nack.
bool is_md_type(std::string_view type);

// Throws std::invalid_argument when `m.payload` is not a JSON object (a caller bug).
std::string encode_md_message(const MdMessage& m);
// Validates like decode_envelope (JSON object, required fields and types, version 1,
// known type). Never throws.
Result<MdMessage> decode_md_message(std::string_view bytes, std::size_t max_bytes = kMaxMdMessageBytes);

}  // namespace alvh::wire
