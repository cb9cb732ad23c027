#include "alvh/zmq/clock_message.hpp"

#include <nlohmann/json.hpp>

#include "alvh/zmq/envelope.hpp"

namespace alvh::wire {

namespace {

using json = nlohmann::json;
using wire::ProtocolError;
using wire::RejectReason;

ProtocolError error(RejectReason r, std::string detail, std::string id = {}) {
  return ProtocolError{r, std::move(detail), std::move(id)};
}

// The field, or an error naming it.
const json* field(const json& j, const char* name) {
  const auto it = j.find(name);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

std::string encode_clock_request(const ClockRequest& r, std::uint64_t seq, std::int64_t send_time_ns) {
  const json j{{"version", wire::kProtocolVersion},
               {"type", std::string(kClockType)},
               {"id", r.id},
               {"correlation_id", ""},
               {"source", r.source},
               {"seq", seq},
               {"event_time", send_time_ns},
               {"send_time", send_time_ns},
               {"payload", {{"date", to_iso(r.time.date)}, {"minutes", r.time.minutes}, {"session", r.session}}}};
  return j.dump();
}

wire::Result<ClockRequest> decode_clock_request(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) return error(RejectReason::Oversized, "message larger than the limit");
  const json j = json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return error(RejectReason::NotJson, "not a JSON object");
  ClockRequest r;
  if (const json* id = field(j, "id"); id && id->is_string()) r.id = id->get<std::string>();
  const auto need = [&](const json& obj, const char* name, bool (json::*is)() const noexcept) -> wire::Result<const json*> {
    const json* f = field(obj, name);
    if (!f) return error(RejectReason::MissingField, std::string("field '") + name + "' is missing", r.id);
    if (!((*f).*is)()) return error(RejectReason::WrongType, std::string("field '") + name + "' has the wrong type", r.id);
    return f;
  };
  for (const char* name : {"id", "source", "type"})
    if (auto f = need(j, name, &json::is_string); !f) return f.error();
  if (auto v = need(j, "version", &json::is_number_integer); !v) return v.error();
  else if (v.value()->get<long long>() != wire::kProtocolVersion)
    return error(RejectReason::WrongVersion, "protocol version 1 only", r.id);
  if (j.at("type").get<std::string>() != kClockType)
    return error(RejectReason::UnknownType, "the clock endpoint takes 'clock' messages only", r.id);
  if (r.id.empty()) return error(RejectReason::MissingField, "field 'id' is empty");
  r.source = j.at("source").get<std::string>();
  auto payload = need(j, "payload", &json::is_object);
  if (!payload) return payload.error();
  auto date = need(*payload.value(), "date", &json::is_string);
  if (!date) return date.error();
  auto minutes = need(*payload.value(), "minutes", &json::is_number_integer);
  if (!minutes) return minutes.error();
  const auto d = parse_iso_date(date.value()->get<std::string>());
  if (!d) return error(RejectReason::WrongType, "field 'date': expected YYYY-MM-DD", r.id);
  const long long m = minutes.value()->get<long long>();
  if (m < 0 || m >= 24 * 60) return error(RejectReason::InvalidPayload, "field 'minutes': expected 0..1439", r.id);
  r.time = {*d, static_cast<int>(m)};
  // Bound to a session: only the client that opened the current backend session moves its clock.
  auto session = need(*payload.value(), "session", &json::is_string);
  if (!session) return session.error();
  r.session = session.value()->get<std::string>();
  return r;
}

std::string encode_clock_ack(const ClockAck& a) {
  return json{{"date", to_iso(a.time.date)}, {"minutes", a.time.minutes}, {"settlements", a.settlements},
              {"exec_seq", a.exec_seq}}
      .dump();
}

wire::Result<ClockAck> decode_clock_ack(std::string_view payload) {
  const json j = json::parse(payload, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return error(RejectReason::NotJson, "clock ack is not a JSON object");
  try {
    const auto d = parse_iso_date(j.at("date").get<std::string>());
    if (!d) return error(RejectReason::WrongType, "clock ack: invalid date");
    return ClockAck{{*d, j.at("minutes").get<int>()}, j.at("settlements").get<int>(), j.at("exec_seq").get<std::uint64_t>()};
  } catch (const json::exception& x) {
    return error(RejectReason::MissingField, std::string("clock ack: ") + x.what());
  }
}

}  // namespace alvh::wire
