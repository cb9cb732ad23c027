#pragma once
// Private: reading YAML nodes into typed values while collecting located errors. yaml-cpp is
// included only from config/src.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alvh/config/config_error.hpp"
#include "alvh/core/date.hpp"

namespace alvh::config::detail {

std::string join_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, std::size_t i);
// The closest candidate within a small edit distance, or empty.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

class Diagnostics {
 public:
  Diagnostics(std::string file, std::string_view source);

  void error(const YAML::Mark& mark, std::string path, std::string message);
  // yaml-cpp gives an empty value ("key:") the mark of the next token; point at its key instead.
  void note_null_value(const YAML::Node& value, const YAML::Mark& key_mark) { nulls_.emplace_back(value, key_mark); }
  YAML::Mark mark(const YAML::Node& n) const;
  // Error at a character of a scalar's value (e.g. a token inside a rule condition).
  void error_in_scalar(const YAML::Node& scalar, std::size_t offset, std::string path, std::string message);

  // Where each visited path's value sits, so checks done later (strategies validate()) can point at it.
  void remember(const std::string& path, const YAML::Mark& mark) { marks_.emplace(path, mark); }
  std::optional<YAML::Mark> mark_of(const std::string& path) const;

  bool has_errors() const { return !errors_.empty(); }
  std::size_t error_count() const { return errors_.size(); }
  std::vector<ConfigError> take_sorted();

 private:
  std::pair<int, int> line_col(std::size_t pos) const;

  std::string file_;
  std::string_view source_;
  std::vector<std::size_t> line_starts_;
  std::vector<ConfigError> errors_;
  std::map<std::string, YAML::Mark> marks_;
  std::vector<std::pair<YAML::Node, YAML::Mark>> nulls_;
};

struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  // exclusive bound
  bool max_open = false;
  bool allow_infinite = false;  // .inf / -.inf accepted (e.g. an open-ended tier bound)
  static Range closed(double lo, double hi) { return {lo, hi, false, false}; }
  static Range at_least(double lo) { return {lo, std::numeric_limits<double>::infinity(), false, false}; }
  static Range above(double lo) { return {lo, std::numeric_limits<double>::infinity(), true, false}; }
  static Range any() { return {}; }
  static Range unbounded() { Range r; r.allow_infinite = true; return r; }
};

// Scalar readers: on failure they record an error and return false, leaving `out` untouched.
bool read_number(Diagnostics& d, const YAML::Node& n, const std::string& path, double& out, Range r);
bool read_int(Diagnostics& d, const YAML::Node& n, const std::string& path, int& out, Range r);
bool read_bool(Diagnostics& d, const YAML::Node& n, const std::string& path, bool& out);
bool read_string(Diagnostics& d, const YAML::Node& n, const std::string& path, std::string& out);
bool read_date(Diagnostics& d, const YAML::Node& n, const std::string& path, Date& out);
bool read_clock_time(Diagnostics& d, const YAML::Node& n, const std::string& path, int& minutes);  // "HH:MM"

template <class E>
bool read_enum(Diagnostics& d, const YAML::Node& n, const std::string& path, E& out,
               std::initializer_list<std::pair<std::string_view, E>> names) {
  std::string s;
  if (!read_string(d, n, path, s)) return false;
  std::string list;
  for (const auto& [name, value] : names) {
    if (name == s) {
      out = value;
      return true;
    }
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  d.error(d.mark(n), path, "'" + s + "' is not one of " + list);
  return false;
}

// A mapping being read: reports a non-mapping, duplicate keys, and (in finish) keys nobody read.
class MapReader {
 public:
  MapReader(Diagnostics& d, const YAML::Node& node, std::string path);

  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return join_path(path_, key); }
  YAML::Mark mark() const { return mark_; }
  Diagnostics& diagnostics() { return d_; }

  // The value under `key` (marks the key as known).
  std::optional<YAML::Node> get(std::string_view key);
  // Like get, but records "missing required key" when absent.
  std::optional<YAML::Node> require(std::string_view key);
  // Mark of the key itself (for errors about the key).
  YAML::Mark key_mark(std::string_view key) const;

  // Typed optional fields: absent keeps the default.
  void number(std::string_view key, double& out, Range r);
  void integer(std::string_view key, int& out, Range r);
  void boolean(std::string_view key, bool& out);
  void string(std::string_view key, std::string& out);
  void clock_time(std::string_view key, int& minutes);
  template <class E>
  void enumeration(std::string_view key, E& out, std::initializer_list<std::pair<std::string_view, E>> names) {
    if (auto n = get(key)) read_enum(d_, *n, path_of(key), out, names);
  }

  // Reports unknown keys; `known` adds keys that are accepted but read elsewhere.
  void finish();

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
    bool used = false;
  };
  Entry* find(std::string_view key);
  const Entry* find(std::string_view key) const;

  Diagnostics& d_;
  std::string path_;
  YAML::Mark mark_;
  bool valid_ = false;
  std::vector<Entry> entries_;
  std::vector<std::string> asked_;  // every key asked for, for "did you mean"
};

// Mark of a node, falling back when yaml-cpp has none (null values).
YAML::Mark mark_or(const YAML::Node& n, const YAML::Mark& fallback);

}  // namespace alvh::config::detail
