#include "alvh/zmq/reject_reason.hpp"

namespace alvh::wire {

namespace {
constexpr std::array<std::string_view, kRejectReasonCount> kCodes = {
    "not_json",     "missing_field",  "wrong_type", "oversized",           "unknown_type",
    "wrong_version", "bad_frames",    "invalid_payload", "hello_required", "unsupported_version",
    "wrong_account", "rejected",      "handler_error",   "auth_denied"};
static_assert(static_cast<std::size_t>(RejectReason::AuthDenied) + 1 == kRejectReasonCount);
}  // namespace

std::string_view to_string(RejectReason r) { return kCodes[static_cast<std::size_t>(r)]; }

std::optional<RejectReason> parse_reject_reason(std::string_view code) {
  for (std::size_t i = 0; i < kCodes.size(); ++i)
    if (kCodes[i] == code) return static_cast<RejectReason>(i);
  return std::nullopt;
}

}  // namespace alvh::wire
