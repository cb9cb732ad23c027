#pragma once
// OrderIntent: one order the strategy decided to send, as the journal keeps it. It is written (and
// committed) BEFORE the order leaves the process; its status then follows the life of the order:
//
//   Pending (recorded, not yet handed to the backend)
//     -> Sent (handed to the execution port; the backend may or may not have it)
//       -> Acked (the backend acknowledged it, or an order event for it arrived)
//       -> Rejected (nack or OrderEvent{Rejected}; terminal)
//         -> Terminal (Filled, Cancelled or Expired)
//
// A restart finds every intent that is not Rejected/Terminal and reconciles it with the backend.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "alvh/core/orders.hpp"

namespace alvh::journal {

enum class IntentStatus { Pending, Sent, Acked, Rejected, Terminal };

std::string_view to_string(IntentStatus s);
std::optional<IntentStatus> parse_intent_status(std::string_view text);
inline bool is_closed(IntentStatus s) { return s == IntentStatus::Rejected || s == IntentStatus::Terminal; }

struct OrderIntent {
  ClientOrderId id;
  std::string account;
  std::string tag;                   // the order's tag (combo.tag / single.tag)
  std::uint64_t sequence = 0;        // per (account, tag) counter the id was derived from; 0 = host-chosen id
  Timestamp created{};
  std::optional<ComboOrder> combo;   // exactly one of combo / single is set
  std::optional<SingleOrder> single;
  IntentStatus status = IntentStatus::Pending;
  OrderState order_state = OrderState::PendingSubmit;  // last state reported by an order event
  int filled_quantity = 0;           // cumulative, from order events and fills
  std::string backend_ack;           // what acknowledged it (e.g. the ack's correlation id)
  std::string last_event;            // human-readable last thing that happened to it
  Timestamp updated{};

  int quantity() const { return combo ? combo->quantity : single ? single->quantity : 0; }
  Order as_order() const;            // the core view of the intent (id, request, state, filled)
};

// Same request (legs, sides, ratios, quantity, limit, effect, tag)? Used to detect an id reused for
// a different order, which must never be sent.
bool same_request(const Order& a, const Order& b);

}  // namespace alvh::journal
