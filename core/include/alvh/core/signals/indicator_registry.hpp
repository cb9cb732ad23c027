#pragma once
// The catalogue of indicators a signal instance may use: parameter names, defaults and ranges,
// output fields and admissible sources. config/ validates YAML against it; the SignalEngine
// computes from it. One table, so validation and computation cannot drift apart.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alvh/core/signal_spec.hpp"

namespace alvh {

struct IndicatorParam {
  std::string_view name;
  double default_value;
  double min;
  double max;
  bool integer;  // must be a whole number (periods)
};

// How an indicator's `source` string is read.
enum class SourceKind {
  Single,  // one series name from series_names() (or one of `sources` when that list is non-empty)
  Pair,    // "<A>/<B>", two series names, e.g. "VX1/VX2", "VIX/VIX3M"
  Fixed,   // exactly one of `sources` (e.g. "NYSE", "VX")
};

struct IndicatorInfo {
  std::string_view name;         // "macd"
  std::string_view description;  // one line, for docs and --help
  std::vector<IndicatorParam> params;
  std::vector<std::string_view> outputs;  // {"macd","signal","hist"}; empty = one column named after the instance
  std::vector<std::string_view> sources;  // admissible sources; empty = any single price series
  SourceKind source_kind = SourceKind::Single;
  // Parameter default, or nullptr when the indicator has no such parameter.
  const IndicatorParam* find_param(std::string_view param) const;
};

const std::vector<IndicatorInfo>& indicator_registry();
const IndicatorInfo* find_indicator(std::string_view name);

// Series names a signal may read: "SPX", "VIX", "VIX1D", "VIX9D", "VIX3M", "VIX6M", "VIX1Y", "VVIX",
// "SKEW", "VXTH", "VX1".."VX8", "NYSE" (breadth). Ratio indicators take their pair in params/source.
const std::vector<std::string_view>& series_names();
bool is_series_name(std::string_view name);

// "<A>/<B>" with both parts series names -> {A, B}; nullopt otherwise (no spaces allowed).
std::optional<std::pair<std::string_view, std::string_view>> split_series_pair(std::string_view source);

// Column names produced by a spec: "<name>" or "<name>.<output>".
std::vector<std::string> signal_columns(const SignalSpec& spec);

// Everything wrong with a spec against the registry (unknown indicator, bad source, unknown
// parameter, out-of-range or non-integer value, macd fast >= slow), one message per line;
// empty when the spec is valid. config/ may use it or do its own checks from the table.
std::string spec_errors(const SignalSpec& spec);

// The parameter value to use: the spec's value, else the registry default (0 if unknown).
double param_or_default(const SignalSpec& spec, std::string_view param);

}  // namespace alvh
