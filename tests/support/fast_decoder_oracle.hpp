#pragma once
// The oracle for alvh::wire's fast decoder (adapters/zmq/src/fast_decoder.hpp): both decoders'
// reading of a message as one canonical string, so the unit test and the fuzz target check the
// same property -- whatever the fast decoder accepts, the general decoder accepts alike.
// Needs adapters/zmq/src on the include path.
#include <optional>
#include <string>
#include <variant>

#include "alvh/zmq/json_codec.hpp"
#include "envelope_codec.hpp"
#include "fast_decoder.hpp"
#include "json_codec_tree.hpp"

namespace alvh::wire::oracle {

inline std::string head_of(const Envelope& h) {
  return std::to_string(h.version) + "|" + std::string(to_string(h.type)) + "|" + h.id + "|" + h.correlation_id + "|" + h.source +
         "|" + std::to_string(h.seq) + "|" + std::to_string(h.send_time_ns) + "|" + std::to_string(h.event_time_ns) + "|";
}

// The general decoder's reading of an order-path message; "" when it rejects it.
inline std::string general_reading(const std::string& bytes, std::size_t max_bytes) {
  auto d = detail::decode_envelope_tree(bytes, max_bytes);
  if (!d) return "";
  const std::string head = head_of(d.value().header);
  const auto& payload = d.value().payload;
  switch (d.value().header.type) {
    case MessageType::SubmitCombo: {
      auto c = detail::from_json_value<SubmitCombo>(payload);
      return c ? head + to_json_text(c.value()) : "";
    }
    case MessageType::SubmitOrder: {
      auto c = detail::from_json_value<SubmitSingle>(payload);
      return c ? head + to_json_text(c.value()) : "";
    }
    case MessageType::Cancel: {
      auto c = detail::from_json_value<CancelRequest>(payload);
      return c ? head + to_json_text(c.value()) : "";
    }
    case MessageType::Ack: {
      auto c = detail::from_json_value<OrderAck>(payload);
      return c ? head + d.value().payload_text() : "";
    }
    default: return "";
  }
}

// The fast decoder's reading in the same terms; nullopt when it declines.
inline std::optional<std::string> fast_reading(detail::FastDecoder& fast, const std::string& bytes, std::size_t max_bytes) {
  if (auto c = fast.command(bytes, max_bytes))
    return head_of(c->header) + std::visit([](const auto& x) { return to_json_text(x); }, c->command);
  if (auto a = fast.order_ack(bytes, max_bytes)) return head_of(a->header) + to_json_text(a->ack);
  return std::nullopt;
}

}  // namespace alvh::wire::oracle
