#pragma once
// The order path's messages decoded without a json tree (private to alvh::wire): simdjson's DOM
// parser, kept per socket owner so a message costs no allocation. It only ever accepts what the
// general decoder (decode_envelope_tree + from_json_value) accepts, with the same values; anything
// else -- another type, a missing or mistyped field, an oversized or broken message -- returns
// nullopt and the caller runs the general decoder, which gives the precise rejection. Duplicate
// keys resolve as in nlohmann (the last one wins) because every object is read in order.
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>

#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/messages.hpp"

namespace alvh::wire::detail {

struct FastCommand {
  Envelope header;  // header.payload is left empty
  std::variant<SubmitCombo, SubmitSingle, CancelRequest> command;
};

struct FastOrderAck {
  Envelope header;  // type Ack
  OrderAck ack;
};

class FastDecoder {
 public:
  FastDecoder();
  ~FastDecoder();
  FastDecoder(const FastDecoder&) = delete;
  FastDecoder& operator=(const FastDecoder&) = delete;

  // submit_combo, submit_order or cancel.
  std::optional<FastCommand> command(std::string_view bytes, std::size_t max_bytes);
  // An ack whose payload is exactly an OrderAck (answer to submit_* or cancel).
  std::optional<FastOrderAck> order_ack(std::string_view bytes, std::size_t max_bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire::detail
