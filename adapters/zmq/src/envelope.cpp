#include "alvh/zmq/envelope.hpp"

#include <stdexcept>

#include "json_fields.hpp"

namespace alvh::zmq {

using detail::json;

std::string encode_envelope(const Envelope& e) {
  json payload = json::parse(e.payload, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) throw std::invalid_argument("envelope payload is not a JSON object: " + e.payload);
  json j = {{"version", e.version},
            {"type", std::string(to_string(e.type))},
            {"id", e.id},
            {"correlation_id", e.correlation_id},
            {"source", e.source},
            {"seq", e.seq},
            {"event_time", e.event_time_ns},
            {"send_time", e.send_time_ns},
            {"payload", std::move(payload)}};
  return j.dump();
}

Result<Envelope> decode_envelope(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes)
    return ProtocolError{RejectReason::Oversized,
                         "message of " + std::to_string(bytes.size()) + " bytes exceeds " + std::to_string(max_bytes),
                         {}};
  json j = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return ProtocolError{RejectReason::NotJson, "not a JSON object", {}};

  // Best effort: keep the id so even a broken message's nack can be correlated.
  std::string id;
  if (auto it = j.find("id"); it != j.end() && it->is_string()) id = it->get<std::string>();

  Envelope e;
  try {
    e.version = detail::need_int(j, "version");
    if (e.version != kProtocolVersion)
      return ProtocolError{RejectReason::WrongVersion,
                           "protocol version " + std::to_string(e.version) + " not supported (supported: 1)", id};
    std::string type = detail::need_string(j, "type");
    auto parsed = parse_message_type(type);
    if (!parsed) return ProtocolError{RejectReason::UnknownType, "unknown message type '" + type + "'", id};
    e.type = *parsed;
    e.id = detail::need_string(j, "id");
    if (e.id.empty()) throw detail::FieldError{RejectReason::MissingField, "field 'id' is empty"};
    if (const json* c = detail::maybe(j, "correlation_id")) e.correlation_id = detail::as_string(*c, "correlation_id");
    e.source = detail::need_string(j, "source");
    e.seq = detail::need_uint64(j, "seq");
    e.send_time_ns = detail::need_int64(j, "send_time");
    const json* ev = detail::maybe(j, "event_time");
    e.event_time_ns = ev ? detail::as_int64(*ev, "event_time") : e.send_time_ns;
    const json& payload = detail::need(j, "payload");
    if (!payload.is_object()) detail::wrong_type("payload", "object");
    e.payload = payload.dump();
  } catch (const detail::FieldError& f) {
    return ProtocolError{f.reason, f.detail, id};
  } catch (const std::exception& x) {  // defensive: nothing may escape a decoder
    return ProtocolError{RejectReason::WrongType, x.what(), id};
  }
  return e;
}

}  // namespace alvh::zmq
