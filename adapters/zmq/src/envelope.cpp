#include "alvh/zmq/envelope.hpp"

#include <stdexcept>

#include "envelope_codec.hpp"
#include "json_fields.hpp"
#include "json_writer.hpp"

namespace alvh::wire {

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
  auto tree = detail::decode_envelope_tree(bytes, max_bytes);
  if (!tree) return tree.error();
  Envelope e = std::move(tree.value().header);
  e.payload = tree.value().payload.dump();
  return e;
}

namespace detail {

std::string encode_envelope_canonical(const Envelope& e, std::string_view payload) {
  // Keys in the order nlohmann's object (a std::map) dumps them: alphabetical.
  JsonWriter w;
  w.begin_object()
      .field("correlation_id", e.correlation_id)
      .field("event_time", e.event_time_ns)
      .field("id", e.id)
      .key("payload")
      .raw(payload)
      .field("send_time", e.send_time_ns)
      .field("seq", e.seq)
      .field("source", e.source)
      .field("type", to_string(e.type))
      .field("version", e.version)
      .end_object();
  return w.take();
}

Result<DecodedEnvelope> decode_envelope_tree(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes)
    return ProtocolError{RejectReason::Oversized,
                         "message of " + std::to_string(bytes.size()) + " bytes exceeds " + std::to_string(max_bytes),
                         {}};
  json j = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return ProtocolError{RejectReason::NotJson, "not a JSON object", {}};

  // Best effort: keep the id so even a broken message's nack can be correlated.
  std::string id;
  if (auto it = j.find("id"); it != j.end() && it->is_string()) id = it->get<std::string>();

  DecodedEnvelope d;
  Envelope& e = d.header;
  try {
    e.version = need_int(j, "version");
    if (e.version != kProtocolVersion)
      return ProtocolError{RejectReason::WrongVersion,
                           "protocol version " + std::to_string(e.version) + " not supported (supported: 1)", id};
    std::string type = need_string(j, "type");
    auto parsed = parse_message_type(type);
    if (!parsed) return ProtocolError{RejectReason::UnknownType, "unknown message type '" + type + "'", id};
    e.type = *parsed;
    e.id = need_string(j, "id");
    if (e.id.empty()) throw FieldError{RejectReason::MissingField, "field 'id' is empty"};
    if (const json* c = maybe(j, "correlation_id")) e.correlation_id = as_string(*c, "correlation_id");
    e.source = need_string(j, "source");
    e.seq = need_uint64(j, "seq");
    e.send_time_ns = need_int64(j, "send_time");
    const json* ev = maybe(j, "event_time");
    e.event_time_ns = ev ? as_int64(*ev, "event_time") : e.send_time_ns;
    if (!need(j, "payload").is_object()) wrong_type("payload", "object");
    d.payload = std::move(*j.find("payload"));  // moved, not dumped and re-parsed
  } catch (const FieldError& f) {
    return ProtocolError{f.reason, f.detail, id};
  } catch (const std::exception& x) {  // defensive: nothing may escape a decoder
    return ProtocolError{RejectReason::WrongType, x.what(), id};
  }
  return d;
}

}  // namespace detail

}  // namespace alvh::wire
