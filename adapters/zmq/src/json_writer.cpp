#include "json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

namespace alvh::wire::detail {

void JsonWriter::separate() {
  if (!first_) out_ += ',';
  first_ = false;
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  first_ = true;
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_ = false;
  return *this;
}
JsonWriter& JsonWriter::begin_array(std::string_view k) {
  key(k);
  out_ += '[';
  first_ = true;
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  write_string(k);
  out_ += ':';
  first_ = true;  // the value that follows takes no comma
  return *this;
}

void JsonWriter::write_string(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      out_ += nlohmann::json(std::string(s)).dump();  // escapes and UTF-8 checks exactly as dump()
      return;
    }
  }
  out_ += '"';
  out_ += s;
  out_ += '"';
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  write_string(s);
  return *this;
}

JsonWriter& JsonWriter::value(double x) {
  separate();
  if (!std::isfinite(x)) {
    out_ += "null";
    return *this;
  }
  std::array<char, 64> buf;
  char* end = ::nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), x);
  out_.append(buf.data(), end);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t x) {
  separate();
  std::array<char, 24> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  (void)ec;  // 24 chars always hold an int64
  out_.append(buf.data(), end);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t x) {
  separate();
  std::array<char, 24> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  (void)ec;
  out_.append(buf.data(), end);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json_text) {
  separate();
  out_ += json_text;
  return *this;
}

}  // namespace alvh::wire::detail
