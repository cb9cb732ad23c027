#include "alvh/core/signals/indicator_registry.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace alvh {

namespace {

constexpr double kMaxPeriod = 10000.0;

std::vector<IndicatorInfo> build_registry() {
  using P = IndicatorParam;
  std::vector<IndicatorInfo> r;
  r.push_back({"sma", "simple moving average of the last `period` values (TA-Lib SMA)",
               {P{"period", 20, 1, kMaxPeriod, true}}, {}, {}, SourceKind::Single});
  r.push_back({"ema",
               "exponential moving average, TA-Lib EMA: seeded with the mean of the first `period` "
               "values, k = 2/(period+1)",
               {P{"period", 20, 1, kMaxPeriod, true}}, {}, {}, SourceKind::Single});
  r.push_back({"macd",
               "TA-Lib MACD: EMA(fast) - EMA(slow) with seed windows ending on the same bar, signal = "
               "EMA(signal) of MACD seeded with its mean, hist = macd - signal; first value after "
               "slow+signal-2 bars (33 for 12/26/9); fast must be < slow",
               {P{"fast", 12, 2, kMaxPeriod, true}, P{"slow", 26, 2, kMaxPeriod, true},
                P{"signal", 9, 1, kMaxPeriod, true}},
               {"macd", "signal", "hist"}, {}, SourceKind::Single});
  r.push_back({"rsi",
               "TA-Lib RSI (Wilder smoothing), 0..100, first value after `period` bars; 0 when there "
               "was no movement",
               {P{"period", 14, 2, kMaxPeriod, true}}, {}, {}, SourceKind::Single});
  r.push_back({"roc", "rate of change in percent: 100*(x/x[period bars ago] - 1) (TA-Lib ROC)",
               {P{"period", 10, 1, kMaxPeriod, true}}, {}, {}, SourceKind::Single});
  r.push_back({"pct_rank",
               "rolling percentile rank of the current value among the last `period` values "
               "(current included), 0..100: 100*(below + (equal-1)/2)/(period-1)",
               {P{"period", 252, 2, kMaxPeriod, true}}, {}, {}, SourceKind::Single});
  r.push_back({"zscore",
               "(x - mean)/stddev over the last `period` values (population stddev, current "
               "included); missing when stddev is 0",
               {P{"period", 20, 2, kMaxPeriod, true}}, {}, {}, SourceKind::Single});
  r.push_back({"adl",
               "NYSE advance-decline line: line = cumulative (advancers - decliners) since the first "
               "breadth day (2023-06-21), ema = TA-Lib EMA(`ema`) of the line, mcclellan = "
               "EMA(fast) - EMA(slow) of daily A-D; missing before breadth data exists",
               {P{"ema", 39, 1, kMaxPeriod, true}, P{"fast", 19, 1, kMaxPeriod, true},
                P{"slow", 39, 1, kMaxPeriod, true}},
               {"line", "ema", "mcclellan"}, {"NYSE"}, SourceKind::Fixed});
  r.push_back({"ratio",
               "A/B of two series on the same day, source written \"A/B\" with series names (e.g. "
               "\"VX1/VX2\", \"VIX/VIX3M\", \"VIX9D/VIX\"); missing when either is missing or B is 0",
               {}, {}, {}, SourceKind::Pair});
  r.push_back({"contango",
               "term-structure slope B/A - 1 for source \"A/B\" (near/far, e.g. \"VX1/VX2\" gives "
               "VX2/VX1 - 1); positive = contango",
               {}, {}, {}, SourceKind::Pair});
  r.push_back({"cm_vx",
               "constant-maturity VIX future at `tenor` calendar days: linear in days-to-expiry "
               "between VX M1..M8; flat beyond M8 / before M1 (flagged); before VX data (or when "
               "`proxy` = 1 and the curve is absent) a model proxy from VIX9D/VIX/VIX3M/VIX6M/VIX1Y "
               "total-variance interpolation (docs/references.md §R3). Outputs price and source code: "
               "0 VxCurve, 1 VxExtrapolated, 2 IndexProxy, 3 Missing",
               {P{"tenor", 30, 1, 3650, true}, P{"proxy", 1, 0, 1, true}},
               {"price", "source"}, {"VX"}, SourceKind::Fixed});
  return r;
}

bool is_whole(double v) { return std::isfinite(v) && v == std::floor(v); }

}  // namespace

const IndicatorParam* IndicatorInfo::find_param(std::string_view param) const {
  for (const auto& p : params) {
    if (p.name == param) return &p;
  }
  return nullptr;
}

const std::vector<IndicatorInfo>& indicator_registry() {
  static const std::vector<IndicatorInfo> registry = build_registry();
  return registry;
}

const IndicatorInfo* find_indicator(std::string_view name) {
  for (const auto& info : indicator_registry()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const std::vector<std::string_view>& series_names() {
  static const std::vector<std::string_view> names = {
      "SPX",   "VIX",  "VIX1D", "VIX9D", "VIX3M", "VIX6M", "VIX1Y", "VVIX", "SKEW", "VXTH", "VX1",
      "VX2",   "VX3",  "VX4",   "VX5",   "VX6",   "VX7",   "VX8",   "NYSE"};
  return names;
}

bool is_series_name(std::string_view name) {
  const auto& names = series_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<std::pair<std::string_view, std::string_view>> split_series_pair(std::string_view source) {
  const auto slash = source.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto a = source.substr(0, slash);
  const auto b = source.substr(slash + 1);
  if (!is_series_name(a) || !is_series_name(b) || a == "NYSE" || b == "NYSE") return std::nullopt;
  return std::pair{a, b};
}

std::vector<std::string> signal_columns(const SignalSpec& spec) {
  const IndicatorInfo* info = find_indicator(spec.indicator);
  if (info == nullptr || info->outputs.empty()) return {spec.name};
  std::vector<std::string> cols;
  cols.reserve(info->outputs.size());
  for (auto out : info->outputs) cols.push_back(spec.name + "." + std::string(out));
  return cols;
}

double param_or_default(const SignalSpec& spec, std::string_view param) {
  if (auto it = spec.params.find(std::string(param)); it != spec.params.end()) return it->second;
  if (const IndicatorInfo* info = find_indicator(spec.indicator)) {
    if (const IndicatorParam* p = info->find_param(param)) return p->default_value;
  }
  return 0.0;
}

std::string spec_errors(const SignalSpec& spec) {
  std::ostringstream err;
  const std::string where = "signal '" + spec.name + "': ";
  if (spec.name.empty()) err << "signal with indicator '" << spec.indicator << "': empty name\n";
  const IndicatorInfo* info = find_indicator(spec.indicator);
  if (info == nullptr) {
    err << where << "unknown indicator '" << spec.indicator << "' (known:";
    for (const auto& i : indicator_registry()) err << ' ' << i.name;
    err << ")\n";
    return err.str();
  }
  switch (info->source_kind) {
    case SourceKind::Single: {
      const bool listed = info->sources.empty()
                              ? (is_series_name(spec.source) && spec.source != "NYSE")
                              : std::find(info->sources.begin(), info->sources.end(), spec.source) !=
                                    info->sources.end();
      if (!listed) err << where << "source '" << spec.source << "' is not a price series (SPX, VIX, VIX9D, ..., VX1..VX8)\n";
      break;
    }
    case SourceKind::Pair:
      if (!split_series_pair(spec.source)) {
        err << where << "source '" << spec.source << "' must be \"A/B\" with two series names, e.g. \"VX1/VX2\"\n";
      }
      break;
    case SourceKind::Fixed:
      if (std::find(info->sources.begin(), info->sources.end(), spec.source) == info->sources.end()) {
        err << where << "source '" << spec.source << "' not admissible, expected";
        for (auto s : info->sources) err << " '" << s << "'";
        err << '\n';
      }
      break;
  }
  for (const auto& [key, value] : spec.params) {
    const IndicatorParam* p = info->find_param(key);
    if (p == nullptr) {
      err << where << "indicator '" << info->name << "' has no parameter '" << key << "'\n";
      continue;
    }
    if (!std::isfinite(value) || value < p->min || value > p->max) {
      err << where << "parameter '" << key << "' = " << value << " outside [" << p->min << ", " << p->max << "]\n";
    } else if (p->integer && !is_whole(value)) {
      err << where << "parameter '" << key << "' = " << value << " must be a whole number\n";
    }
  }
  if (info->name == "macd" && param_or_default(spec, "fast") >= param_or_default(spec, "slow")) {
    err << where << "macd fast (" << param_or_default(spec, "fast") << ") must be less than slow ("
        << param_or_default(spec, "slow") << ")\n";
  }
  return err.str();
}

}  // namespace alvh
