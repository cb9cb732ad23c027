#include "yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace alvh::config::detail {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool valid_mark(const YAML::Mark& m) { return m.line >= 0 && m.column >= 0 && m.pos >= 0; }

std::string describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    default: return "an undefined value";
  }
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);  // 3600000, not 3.6e+06
  return buf;
}

std::string range_text(const Range& r) {
  const bool lo = std::isfinite(r.min), hi = std::isfinite(r.max);
  if (lo && hi) return std::string("in ") + (r.min_open ? "(" : "[") + num(r.min) + ", " + num(r.max) + (r.max_open ? ")" : "]");
  if (lo) return (r.min_open ? "> " : ">= ") + num(r.min);
  if (hi) return (r.max_open ? "< " : "<= ") + num(r.max);
  return "a finite number";
}

bool in_range(double v, const Range& r) {
  if (std::isnan(v) || (!r.allow_infinite && !std::isfinite(v))) return false;
  if (r.min_open ? !(v > r.min) : !(v >= r.min)) return false;
  if (r.max_open ? !(v < r.max) : !(v <= r.max)) return false;
  return true;
}

}  // namespace

std::string join_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t i) { return parent + "[" + std::to_string(i) + "]"; }

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

YAML::Mark mark_or(const YAML::Node& n, const YAML::Mark& fallback) {
  const YAML::Mark m = n.Mark();
  return valid_mark(m) ? m : fallback;
}

Diagnostics::Diagnostics(std::string file, std::string_view source) : file_(std::move(file)), source_(source) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < source_.size(); ++i) {
    if (source_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

void Diagnostics::error(const YAML::Mark& mark, std::string path, std::string message) {
  ConfigError e;
  e.file = file_;
  if (valid_mark(mark)) {
    e.line = mark.line + 1;
    e.column = mark.column + 1;
  }
  e.path = std::move(path);
  e.message = std::move(message);
  errors_.push_back(std::move(e));
}

std::pair<int, int> Diagnostics::line_col(std::size_t pos) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
  const auto line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  return {static_cast<int>(line), static_cast<int>(pos - line_starts_[line - 1] + 1)};
}

// Walks the source from the scalar's start, matching value characters, so positions stay right
// for quoted, folded and block scalars. Falls back to the scalar's own mark when unsure.
void Diagnostics::error_in_scalar(const YAML::Node& scalar, std::size_t offset, std::string path, std::string message) {
  const YAML::Mark mark = scalar.Mark();
  if (!valid_mark(mark) || static_cast<std::size_t>(mark.pos) >= source_.size()) {
    error(mark, std::move(path), std::move(message));
    return;
  }
  const std::string& value = scalar.Scalar();
  auto skippable = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '"' || c == '\''; };
  std::size_t p = static_cast<std::size_t>(mark.pos);
  if (source_[p] == '"' || source_[p] == '\'') {
    ++p;
  } else if (source_[p] == '|' || source_[p] == '>') {
    while (p < source_.size() && source_[p] != '\n') ++p;
  }
  bool lost = false;
  const std::size_t upto = std::min(offset, value.size());
  for (std::size_t i = 0; i <= upto && !lost; ++i) {
    if (i == value.size()) break;
    while (p < source_.size() && source_[p] != value[i] && skippable(source_[p])) ++p;
    if (p >= source_.size() || source_[p] != value[i]) lost = true;
    else if (i < upto) ++p;
  }
  if (lost) {
    error(mark, std::move(path), std::move(message));
    return;
  }
  const auto [line, col] = line_col(p);
  ConfigError e;
  e.file = file_;
  e.line = line;
  e.column = col;
  e.path = std::move(path);
  e.message = std::move(message);
  errors_.push_back(std::move(e));
}

YAML::Mark Diagnostics::mark(const YAML::Node& n) const {
  if (n.IsNull()) {
    for (const auto& [node, key_mark] : nulls_) {
      if (node.is(n)) return key_mark;
    }
  }
  return n.Mark();
}

std::optional<YAML::Mark> Diagnostics::mark_of(const std::string& path) const {
  const auto it = marks_.find(path);
  if (it == marks_.end()) return std::nullopt;
  return it->second;
}

std::vector<ConfigError> Diagnostics::take_sorted() {
  std::stable_sort(errors_.begin(), errors_.end(), [](const ConfigError& a, const ConfigError& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  return std::move(errors_);
}

bool read_number(Diagnostics& d, const YAML::Node& n, const std::string& path, double& out, Range r) {
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v)) {
    d.error(d.mark(n), path, "expected a number, got " + describe(n));
    return false;
  }
  if (!in_range(v, r)) {
    d.error(d.mark(n), path, "must be " + range_text(r) + ", got " + n.Scalar());
    return false;
  }
  out = v;
  return true;
}

bool read_int(Diagnostics& d, const YAML::Node& n, const std::string& path, int& out, Range r) {
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v) || v != std::floor(v)) {
    d.error(d.mark(n), path, "expected a whole number, got " + describe(n));
    return false;
  }
  if (!in_range(v, r) || std::fabs(v) > 2e9) {
    d.error(d.mark(n), path, "must be " + range_text(r) + ", got " + n.Scalar());
    return false;
  }
  out = static_cast<int>(v);
  return true;
}

bool read_bool(Diagnostics& d, const YAML::Node& n, const std::string& path, bool& out) {
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
    d.error(d.mark(n), path, "expected true or false, got " + describe(n));
    return false;
  }
  out = v;
  return true;
}

bool read_string(Diagnostics& d, const YAML::Node& n, const std::string& path, std::string& out) {
  if (!n.IsScalar()) {
    d.error(d.mark(n), path, "expected a string, got " + describe(n));
    return false;
  }
  out = n.Scalar();
  return true;
}

bool read_date(Diagnostics& d, const YAML::Node& n, const std::string& path, Date& out) {
  std::string s;
  if (!read_string(d, n, path, s)) return false;
  const auto date = parse_iso_date(s);
  if (!date) {
    d.error(d.mark(n), path, "expected a date YYYY-MM-DD, got '" + s + "'");
    return false;
  }
  out = *date;
  return true;
}

bool read_clock_time(Diagnostics& d, const YAML::Node& n, const std::string& path, int& minutes) {
  std::string s;
  if (!read_string(d, n, path, s)) return false;
  int h = -1, m = -1;
  char tail = 0;
  if (s.size() != 5 || std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
    d.error(d.mark(n), path, "expected a time HH:MM (New York), got '" + s + "'");
    return false;
  }
  minutes = h * 60 + m;
  return true;
}

MapReader::MapReader(Diagnostics& d, const YAML::Node& node, std::string path)
    : d_(d), path_(std::move(path)), mark_(d.mark(node)) {
  if (!node.IsMap()) {
    d_.error(mark_, path_, "expected a mapping, got " + describe(node));
    return;
  }
  valid_ = true;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      d_.error(kv.first.Mark(), path_, "keys must be plain names, got " + describe(kv.first));
      continue;
    }
    const std::string key = kv.first.Scalar();
    if (const Entry* first = find(key)) {
      d_.error(kv.first.Mark(), join_path(path_, key),
               "duplicate key '" + key + "' (first at line " + std::to_string(first->key_node.Mark().line + 1) + ")");
      continue;
    }
    if (kv.second.IsNull()) d_.note_null_value(kv.second, kv.first.Mark());
    entries_.push_back(Entry{key, kv.first, kv.second, false});
    d_.remember(join_path(path_, key), mark_or(kv.second, kv.first.Mark()));
  }
}

MapReader::Entry* MapReader::find(std::string_view key) {
  for (auto& e : entries_) if (e.key == key) return &e;
  return nullptr;
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (const auto& e : entries_) if (e.key == key) return &e;
  return nullptr;
}

std::optional<YAML::Node> MapReader::get(std::string_view key) {
  asked_.emplace_back(key);
  Entry* e = find(key);
  if (e == nullptr) return std::nullopt;
  e->used = true;
  return e->value;
}

std::optional<YAML::Node> MapReader::require(std::string_view key) {
  auto n = get(key);
  if (!n && valid_) d_.error(mark_, path_of(key), "missing required key '" + std::string(key) + "'");
  return n;
}

YAML::Mark MapReader::key_mark(std::string_view key) const {
  const Entry* e = find(key);
  return e != nullptr ? e->key_node.Mark() : mark_;
}

void MapReader::number(std::string_view key, double& out, Range r) {
  if (auto n = get(key)) read_number(d_, *n, path_of(key), out, r);
}
void MapReader::integer(std::string_view key, int& out, Range r) {
  if (auto n = get(key)) read_int(d_, *n, path_of(key), out, r);
}
void MapReader::boolean(std::string_view key, bool& out) {
  if (auto n = get(key)) read_bool(d_, *n, path_of(key), out);
}
void MapReader::string(std::string_view key, std::string& out) {
  if (auto n = get(key)) read_string(d_, *n, path_of(key), out);
}
void MapReader::clock_time(std::string_view key, int& minutes) {
  if (auto n = get(key)) read_clock_time(d_, *n, path_of(key), minutes);
}

void MapReader::finish() {
  for (const auto& e : entries_) {
    if (e.used) continue;
    const std::string hint = closest(e.key, asked_);
    d_.error(e.key_node.Mark(), path_of(e.key),
             "unknown key '" + e.key + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
  }
}

}  // namespace alvh::config::detail
