#pragma once
// Result<T>: a value or a ProtocolError. Decoders return it instead of throwing, so a hostile or
// broken peer can never unwind through the adapter's event loop.
#include <string>
#include <utility>
#include <variant>

#include "alvh/zmq/reject_reason.hpp"

namespace alvh::wire {

struct ProtocolError {
  RejectReason reason = RejectReason::NotJson;
  std::string detail;      // human-readable, e.g. "field 'seq': expected unsigned integer"
  std::string message_id;  // the offending message's id when it could be read (for correlation)
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(ProtocolError error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const ProtocolError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, ProtocolError> v_;
};

}  // namespace alvh::wire
