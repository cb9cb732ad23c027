#include "alvh/zmq/message_type.hpp"

#include <array>
#include <cstddef>

namespace alvh::wire {

namespace {
constexpr std::array<std::string_view, 13> kNames = {
    "hello", "submit_combo", "submit_order", "cancel",     "snapshot_request", "heartbeat", "ack",
    "nack",  "order_event",  "fill",         "settlement", "quote",            "chain"};
static_assert(static_cast<std::size_t>(MessageType::Chain) + 1 == kNames.size());
}  // namespace

std::string_view to_string(MessageType t) { return kNames[static_cast<std::size_t>(t)]; }

std::optional<MessageType> parse_message_type(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<MessageType>(i);
  return std::nullopt;
}

bool is_command(MessageType t) {
  switch (t) {
    case MessageType::Hello:
    case MessageType::SubmitCombo:
    case MessageType::SubmitOrder:
    case MessageType::Cancel:
    case MessageType::SnapshotRequest:
    case MessageType::Heartbeat: return true;
    default: return false;
  }
}

}  // namespace alvh::wire
