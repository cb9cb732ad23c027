// Fuzzes the protocol-v1 decoders (docs/protocol.md): decode_envelope and from_json_text<T> for
// every payload type. Decoders must never throw or crash; whatever they accept must re-encode to
// text that decodes to the same value; a rejection must still produce a sendable nack. The order
// path's fast decoder must accept nothing the general decoder rejects, and read it alike.
#include <string>
#include <string_view>

#include "alvh/zmq/envelope.hpp"
#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/reject_reason.hpp"
#include "fuzz_check.hpp"
#include "fuzz_targets.hpp"
#include "support/fast_decoder_oracle.hpp"

namespace {

using namespace alvh;
using namespace alvh::wire;
using alvh::fuzz::check;

// Accepted payloads round-trip: encode(decode(x)) decodes again and encodes identically.
template <class T>
void payload_round_trip(std::string_view text, const char* type_name) {
  auto first = from_json_text<T>(text);
  if (!first) return;
  const std::string once = to_json_text(first.value());
  auto second = from_json_text<T>(once);
  check(second.ok(), std::string(type_name) + ": re-encoded payload rejected: " +
                         (second.ok() ? std::string() : second.error().detail) + " text: " + once);
  check(to_json_text(second.value()) == once, std::string(type_name) + ": encoding not stable: " + once);
}

void all_payloads(std::string_view text) {
  payload_round_trip<Instrument>(text, "Instrument");
  payload_round_trip<ComboLeg>(text, "ComboLeg");
  payload_round_trip<ComboOrder>(text, "ComboOrder");
  payload_round_trip<SingleOrder>(text, "SingleOrder");
  payload_round_trip<OrderEvent>(text, "OrderEvent");
  payload_round_trip<LegFill>(text, "LegFill");
  payload_round_trip<Fill>(text, "Fill");
  payload_round_trip<Order>(text, "Order");
  payload_round_trip<Settlement>(text, "Settlement");
  payload_round_trip<Position>(text, "Position");
  payload_round_trip<Quote>(text, "Quote");
  payload_round_trip<OptionChainSnapshot>(text, "OptionChainSnapshot");
  payload_round_trip<Hello>(text, "Hello");
  payload_round_trip<HelloAck>(text, "HelloAck");
  payload_round_trip<SubmitCombo>(text, "SubmitCombo");
  payload_round_trip<SubmitSingle>(text, "SubmitSingle");
  payload_round_trip<CancelRequest>(text, "CancelRequest");
  payload_round_trip<OrderAck>(text, "OrderAck");
  payload_round_trip<Nack>(text, "Nack");
  payload_round_trip<BackendSnapshot>(text, "BackendSnapshot");
}


void fast_matches_general(const std::string& bytes) {
  static detail::FastDecoder fast;  // reused as the server and client reuse theirs
  const std::size_t max_bytes = 1 << 20;
  if (auto f = oracle::fast_reading(fast, bytes, max_bytes)) {
    const std::string g = oracle::general_reading(bytes, max_bytes);
    check(!g.empty(), "fast decoder accepted what the general decoder rejects: " + bytes);
    check(*f == g, "fast and general decoders read differently: " + *f + " vs " + g);
  }
}

}  // namespace

int alvh_fuzz_zmq_decode(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fast_matches_general(std::string(bytes));
  auto decoded = decode_envelope(bytes);
  if (!decoded) {
    // What the backend does with a bad command: answer it with a nack naming the reason.
    const ProtocolError& e = decoded.error();
    Envelope reply;
    reply.type = MessageType::Nack;
    reply.id = "fuzz-1";
    reply.correlation_id = e.message_id;
    reply.source = "fuzz";
    reply.payload = to_json_text(Nack{std::string(to_string(e.reason)), e.detail, e.message_id, false});
    check(decode_envelope(encode_envelope(reply), 1 << 30).ok(), "nack for a rejected message does not decode");
    // Payload decoders see arbitrary JSON too (a peer's payload is only checked to be an object).
    all_payloads(bytes);
    return 0;
  }
  const Envelope& env = decoded.value();
  const std::string encoded = encode_envelope(env);
  auto again = decode_envelope(encoded, 1 << 30);
  check(again.ok(), "re-encoded envelope rejected: " + encoded);
  const Envelope& b = again.value();
  check(b.version == env.version && b.type == env.type && b.id == env.id && b.correlation_id == env.correlation_id &&
            b.source == env.source && b.seq == env.seq && b.event_time_ns == env.event_time_ns &&
            b.send_time_ns == env.send_time_ns && b.payload == env.payload,
        "envelope changed in a round trip: " + encoded);
  all_payloads(env.payload);
  return 0;
}

ALVH_FUZZ_ENTRY(alvh_fuzz_zmq_decode)
