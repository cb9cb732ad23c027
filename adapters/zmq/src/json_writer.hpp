#pragma once
// Appends JSON text exactly as nlohmann's dump() would write the same tree (private to alvh::wire):
// no spaces, numbers through nlohmann's own float formatting, strings escaped by nlohmann when
// they are not plain ASCII. Building a json tree only to dump it cost ~9 us per order on the
// event-to-order path; this writes the text directly. The caller writes keys in sorted order
// (nlohmann objects are std::maps); a test compares the text with the tree's dump().
#include <cstdint>
#include <string>
#include <string_view>

namespace alvh::wire::detail {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array(std::string_view key);
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);  // inside an object; keys must come in sorted order
  JsonWriter& value(std::string_view s);
  JsonWriter& value(double x);  // non-finite -> null, as dump() writes it
  JsonWriter& value(std::int64_t x);
  JsonWriter& value(std::uint64_t x);
  JsonWriter& value(bool b);
  JsonWriter& value(int x) { return value(static_cast<std::int64_t>(x)); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }
  // A value that is already JSON text (e.g. a nested payload).
  JsonWriter& raw(std::string_view json_text);

  std::string take() { return std::move(out_); }
  const std::string& text() const { return out_; }

 private:
  void separate();
  void write_string(std::string_view s);
  std::string out_;
  bool first_ = true;  // no comma before the next element of the current object/array
};

}  // namespace alvh::wire::detail
