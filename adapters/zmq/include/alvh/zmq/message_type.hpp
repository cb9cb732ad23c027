#pragma once
// Message types of protocol version 1. Commands travel DEALER -> ROUTER and get exactly one ack or
// nack; events travel PUB -> SUB. Wire names are the snake_case strings of to_string().
#include <optional>
#include <string_view>

namespace alvh::wire {

enum class MessageType {
  // commands (strategy -> backend)
  Hello,
  SubmitCombo,
  SubmitOrder,
  Cancel,
  SnapshotRequest,
  Heartbeat,  // also published by the backend on the "status" topic
  // replies (backend -> strategy, correlation_id = the command's id)
  Ack,
  Nack,
  // events (backend -> strategy over PUB)
  OrderEvent,
  Fill,
  Settlement,
  Quote,
  Chain,
};

std::string_view to_string(MessageType t);
std::optional<MessageType> parse_message_type(std::string_view name);
bool is_command(MessageType t);

}  // namespace alvh::wire
