#pragma once
// Why a message was refused. Each reason has a stable wire code (docs/protocol.md, "Rejections")
// and its own counter, so operators can tell a misbehaving peer from a risk rejection.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace alvh::wire {

enum class RejectReason {
  NotJson,             // not_json: bytes are not a JSON object
  MissingField,        // missing_field: a required envelope or payload field is absent/null
  WrongType,           // wrong_type: a field has the wrong JSON type or is out of range
  Oversized,           // oversized: larger than the configured maximum
  UnknownType,         // unknown_type: message type unknown, or not a command
  WrongVersion,        // wrong_version: envelope protocol version not supported
  BadFrames,           // bad_frames: unexpected multipart frame layout
  InvalidPayload,      // invalid_payload: well-typed but semantically invalid (quantity <= 0, ...)
  HelloRequired,       // hello_required: command from a peer without a session
  UnsupportedVersion,  // unsupported_version: hello offers no version the backend speaks
  WrongAccount,        // wrong_account: hello names another account
  Rejected,            // rejected: the backend's handler refused the command (risk, venue, ...)
  HandlerError,        // handler_error: the handler threw; the command was not executed
  AuthDenied,          // auth_denied: ZAP refused a CURVE client key (no reply is possible)
};

inline constexpr std::size_t kRejectReasonCount = 14;

std::string_view to_string(RejectReason r);
std::optional<RejectReason> parse_reject_reason(std::string_view code);

// Per-reason counters. Plain values (single-threaded owner), cheap to copy for reporting.
class RejectionCounters {
 public:
  void add(RejectReason r) { ++counts_[static_cast<std::size_t>(r)]; }
  std::uint64_t count(RejectReason r) const { return counts_[static_cast<std::size_t>(r)]; }
  std::uint64_t total() const {
    std::uint64_t t = 0;
    for (auto c : counts_) t += c;
    return t;
  }

 private:
  std::array<std::uint64_t, kRejectReasonCount> counts_{};
};

}  // namespace alvh::wire
