#pragma once
// Strict field readers over nlohmann::json (private to alvh::wire). nlohmann converts silently
// (3.7 -> 3, "3" errors with its own exception types); the protocol wants every mistake reported as
// MissingField or WrongType with the field name, so every read goes through these.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "alvh/zmq/reject_reason.hpp"

namespace alvh::wire::detail {

using json = nlohmann::json;

struct FieldError {
  RejectReason reason;
  std::string detail;
};

[[noreturn]] inline void wrong_type(std::string_view key, std::string_view expected) {
  throw FieldError{RejectReason::WrongType, "field '" + std::string(key) + "': expected " + std::string(expected)};
}

inline const json& need_object(const json& j, std::string_view what) {
  if (!j.is_object()) wrong_type(what, "object");
  return j;
}

// nullptr when the key is absent or null (optional fields).
inline const json* maybe(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

inline const json& need(const json& j, const char* key) {
  const json* v = maybe(j, key);
  if (!v) throw FieldError{RejectReason::MissingField, "field '" + std::string(key) + "' is missing"};
  return *v;
}

inline std::string as_string(const json& v, const char* key) {
  if (!v.is_string()) wrong_type(key, "string");
  return v.get<std::string>();
}
inline std::int64_t as_int64(const json& v, const char* key) {
  if (v.is_number_unsigned()) {
    if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      wrong_type(key, "64-bit signed integer");
    return static_cast<std::int64_t>(v.get<std::uint64_t>());
  }
  if (!v.is_number_integer()) wrong_type(key, "integer");
  return v.get<std::int64_t>();
}
inline std::uint64_t as_uint64(const json& v, const char* key) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
  wrong_type(key, "unsigned integer");
}
inline int as_int(const json& v, const char* key) {
  std::int64_t x = as_int64(v, key);
  if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max()) wrong_type(key, "32-bit integer");
  return static_cast<int>(x);
}
inline double as_number(const json& v, const char* key) {
  if (!v.is_number()) wrong_type(key, "number");
  return v.get<double>();
}
inline bool as_bool(const json& v, const char* key) {
  if (!v.is_boolean()) wrong_type(key, "boolean");
  return v.get<bool>();
}

inline std::string need_string(const json& j, const char* key) { return as_string(need(j, key), key); }
inline std::int64_t need_int64(const json& j, const char* key) { return as_int64(need(j, key), key); }
inline std::uint64_t need_uint64(const json& j, const char* key) { return as_uint64(need(j, key), key); }
inline int need_int(const json& j, const char* key) { return as_int(need(j, key), key); }
inline double need_number(const json& j, const char* key) { return as_number(need(j, key), key); }

}  // namespace alvh::wire::detail
