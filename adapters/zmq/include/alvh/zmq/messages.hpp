#pragma once
// Payload structs of protocol-v1 commands and replies. Their JSON shapes are listed in
// docs/protocol.md; json_codec.hpp converts them (and the core order types) to and from JSON text.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/zmq/finished_order.hpp"

namespace alvh::wire {

// A backend declares whether it trades real money. Clients can insist on one mode.
enum class BackendMode { Paper, Live };

// hello: opens a session. The backend picks the highest version it shares with `versions`.
struct Hello {
  std::string account;
  std::vector<int> versions{1};
  std::int64_t heartbeat_interval_ms = 1000;
};

// ack payload of hello.
struct HelloAck {
  int version = 1;
  std::string account;
  BackendMode mode = BackendMode::Paper;
  std::string session;  // changes when the backend restarts
  std::int64_t heartbeat_interval_ms = 1000;
};

struct SubmitCombo {
  ClientOrderId client_order_id;
  ComboOrder order;
};

struct SubmitSingle {
  ClientOrderId client_order_id;
  SingleOrder order;
};

struct CancelRequest {
  ClientOrderId client_order_id;
};

// ack payload of submit_combo / submit_order / cancel. `duplicate` marks the replay of the answer
// given to the first submit with this client order id.
struct OrderAck {
  ClientOrderId client_order_id;
  bool duplicate = false;
};

// nack payload.
struct Nack {
  std::string code;  // wire code of a RejectReason, e.g. "oversized"; foreign backends may add codes
  std::string message;
  ClientOrderId client_order_id;  // empty unless the command named one
  bool duplicate = false;
};

// ack payload of snapshot_request: state plus the last sequence number of every topic the backend
// has published, so the client can resume the streams exactly after it.
struct BackendSnapshot {
  std::string account;
  std::vector<Position> positions;
  std::vector<Order> open_orders;
  std::map<std::string, std::uint64_t> sequences;  // topic -> last seq published (absent = 0)
  // Optional: recorded outcomes of the orders that ended most recently (absent = not kept).
  std::optional<std::vector<FinishedOrder>> finished_orders;
};

}  // namespace alvh::wire
