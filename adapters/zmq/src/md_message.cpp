#include "alvh/zmq/md_message.hpp"

#include <array>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace alvh::wire {

using nlohmann::json;

bool is_md_type(std::string_view type) {
  static constexpr std::array<std::string_view, 7> kTypes = {"heartbeat", "market_day", "end_of_data", "chain",
                                                             "snapshot_request", "ack", "nack"};
  for (auto t : kTypes)
    if (t == type) return true;
  return false;
}

std::string encode_md_message(const MdMessage& m) {
  json payload = json::parse(m.payload, nullptr, false);
  if (payload.is_discarded() || !payload.is_object())
    throw std::invalid_argument("encode_md_message: payload is not a JSON object");
  json j = {{"version", m.version}, {"type", m.type},   {"id", m.id},
            {"correlation_id", m.correlation_id},       {"source", m.source},
            {"seq", m.seq},         {"event_time", m.event_time_ns}, {"send_time", m.send_time_ns},
            {"payload", std::move(payload)}};
  return j.dump();
}

namespace {
ProtocolError err(RejectReason r, std::string detail, std::string id = {}) {
  return ProtocolError{r, std::move(detail), std::move(id)};
}
}  // namespace

Result<MdMessage> decode_md_message(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) return err(RejectReason::Oversized, "message larger than the limit");
  const json j = json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return err(RejectReason::NotJson, "not a JSON object");
  MdMessage m;
  if (auto it = j.find("id"); it != j.end() && it->is_string()) m.id = it->get<std::string>();
  const auto need = [&](const char* k) -> const json* {
    auto it = j.find(k);
    return it == j.end() || it->is_null() ? nullptr : &*it;
  };
  for (const char* k : {"version", "type", "id", "source", "seq", "send_time", "payload"})
    if (!need(k)) return err(RejectReason::MissingField, std::string("field '") + k + "' is missing", m.id);
  const json& v = *need("version");
  if (!v.is_number_integer()) return err(RejectReason::WrongType, "field 'version': expected integer", m.id);
  if (v.get<long long>() != 1) return err(RejectReason::WrongVersion, "version " + v.dump() + " is not 1", m.id);
  if (!need("type")->is_string()) return err(RejectReason::WrongType, "field 'type': expected string", m.id);
  m.type = need("type")->get<std::string>();
  if (!is_md_type(m.type)) return err(RejectReason::UnknownType, "unknown type '" + m.type + "'", m.id);
  if (!need("id")->is_string() || m.id.empty()) return err(RejectReason::WrongType, "field 'id': expected non-empty string", m.id);
  if (!need("source")->is_string()) return err(RejectReason::WrongType, "field 'source': expected string", m.id);
  m.source = need("source")->get<std::string>();
  if (!need("seq")->is_number_unsigned()) return err(RejectReason::WrongType, "field 'seq': expected unsigned integer", m.id);
  m.seq = need("seq")->get<std::uint64_t>();
  if (!need("send_time")->is_number_integer()) return err(RejectReason::WrongType, "field 'send_time': expected integer", m.id);
  m.send_time_ns = need("send_time")->get<std::int64_t>();
  m.event_time_ns = m.send_time_ns;
  if (const json* e = need("event_time")) {
    if (!e->is_number_integer()) return err(RejectReason::WrongType, "field 'event_time': expected integer", m.id);
    m.event_time_ns = e->get<std::int64_t>();
  }
  if (const json* c = need("correlation_id")) {
    if (!c->is_string()) return err(RejectReason::WrongType, "field 'correlation_id': expected string", m.id);
    m.correlation_id = c->get<std::string>();
  }
  if (!need("payload")->is_object()) return err(RejectReason::WrongType, "field 'payload': expected object", m.id);
  m.payload = need("payload")->dump();
  return m;
}

}  // namespace alvh::wire
