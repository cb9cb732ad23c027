#pragma once
// The catalogue of indicators a signal instance may use: parameter names, defaults and ranges,
// output fields and admissible sources. config/ validates YAML against it; the SignalEngine
// computes from it. One table, so validation and computation cannot drift apart.
#include <string>
#include <string_view>
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

struct IndicatorInfo {
  std::string_view name;         // "macd"
  std::string_view description;  // one line, for docs and --help
  std::vector<IndicatorParam> params;
  std::vector<std::string_view> outputs;  // {"macd","signal","hist"}; empty = one column named after the instance
  std::vector<std::string_view> sources;  // admissible sources; empty = any single price series
};

const std::vector<IndicatorInfo>& indicator_registry();
const IndicatorInfo* find_indicator(std::string_view name);

// Series names a signal may read: "SPX", "VIX", "VIX1D", "VIX9D", "VIX3M", "VIX6M", "VIX1Y", "VVIX",
// "SKEW", "VXTH", "VX1".."VX8", "NYSE" (breadth). Ratio indicators take their pair in params/source.
const std::vector<std::string_view>& series_names();
bool is_series_name(std::string_view name);

// Column names produced by a spec: "<name>" or "<name>.<output>".
std::vector<std::string> signal_columns(const SignalSpec& spec);

}  // namespace alvh
