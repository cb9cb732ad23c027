#pragma once
// JSON text <-> core order types and protocol payloads (field names and units in docs/protocol.md).
// Explicitly instantiated for: Instrument, ComboLeg, ComboOrder, SingleOrder, OrderEvent, LegFill,
// Fill, Order, Settlement, Position, Quote, OptionChainSnapshot, Hello, HelloAck, SubmitCombo,
// SubmitSingle, CancelRequest, OrderAck, Nack, BackendSnapshot.
// from_json_text never throws: missing fields -> MissingField, bad types/enums -> WrongType.
#include <string>
#include <string_view>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/zmq/messages.hpp"
#include "alvh/zmq/result.hpp"

namespace alvh::wire {

template <class T>
std::string to_json_text(const T& value);

template <class T>
Result<T> from_json_text(std::string_view text);

}  // namespace alvh::wire
