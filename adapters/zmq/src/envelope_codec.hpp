#pragma once
// Hot-path envelope coding (private to alvh::wire). The public encode/decode_envelope keep the
// payload as text, which costs a parse and a dump on each side of every hop; client and server
// instead keep the decoded payload as a JSON tree and splice payload text they produced themselves.
#include <cstddef>
#include <string>
#include <string_view>

#include "alvh/zmq/envelope.hpp"
#include "json_fields.hpp"

namespace alvh::wire::detail {

// An envelope whose payload is still a tree; header.payload is left at "{}".
struct DecodedEnvelope {
  Envelope header;
  json payload;
  // The payload as text, as decode_envelope gives it (only for callers that hand text on).
  std::string payload_text() const { return payload.dump(); }
};

// Same checks, errors and order of checks as decode_envelope; parses once.
Result<DecodedEnvelope> decode_envelope_tree(std::string_view bytes, std::size_t max_bytes);

// encode_envelope(e) with e.payload = payload, for payload text that is already the dump() of a
// JSON object (to_json_text output or "{}"): spliced verbatim, byte-identical to encode_envelope.
std::string encode_envelope_canonical(const Envelope& header, std::string_view payload);

}  // namespace alvh::wire::detail
