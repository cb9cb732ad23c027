// signals: named indicator instances, validated against the core indicator registry.
#include <cmath>
#include <map>

#include "alvh/config/condition_compiler.hpp"
#include "alvh/core/signals/indicator_registry.hpp"
#include "sections.hpp"

namespace alvh::config::detail {
namespace {

bool valid_name(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) != 0 || s[0] == '_')) return false;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

std::vector<std::string> indicator_names() {
  std::vector<std::string> names;
  for (const auto& i : indicator_registry()) names.emplace_back(i.name);
  return names;
}

std::string list(const std::vector<std::string_view>& items) {
  std::string s;
  for (auto i : items) s += (s.empty() ? "" : ", ") + std::string(i);
  return s;
}

void check_source(Diagnostics& d, const YAML::Node& node, const std::string& path, const IndicatorInfo& info,
                  const std::string& source) {
  switch (info.source_kind) {
    case SourceKind::Single: {
      const bool ok = info.sources.empty()
                          ? is_series_name(source) && source != "NYSE"
                          : std::find(info.sources.begin(), info.sources.end(), source) != info.sources.end();
      if (!ok) {
        std::vector<std::string_view> prices;
        for (auto s : series_names()) if (s != "NYSE") prices.push_back(s);
        d.error(d.mark(node), path, "'" + source + "' is not a price series (" + list(info.sources.empty() ? prices : info.sources) + ")");
      }
      break;
    }
    case SourceKind::Pair:
      if (!split_series_pair(source)) {
        d.error(d.mark(node), path, "'" + source + "' must be \"A/B\" with two price series, e.g. \"VX1/VX2\" or \"VIX/VIX3M\"");
      }
      break;
    case SourceKind::Fixed:
      if (std::find(info.sources.begin(), info.sources.end(), source) == info.sources.end()) {
        d.error(d.mark(node), path, "indicator '" + std::string(info.name) + "' reads " + list(info.sources) + ", got '" + source + "'");
      }
      break;
  }
}

}  // namespace

SignalCatalog read_signals(Diagnostics& d, const YAML::Node& n, std::vector<SignalSpec>& out) {
  SignalCatalog catalog;
  if (n.IsNull()) return catalog;
  if (!n.IsSequence()) {
    d.error(d.mark(n), "signals", "expected a list of signals (- name: ..., indicator: ..., source: ...)");
    return catalog;
  }
  std::map<std::string, int> first_line;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = index_path("signals", i);
    MapReader m(d, n[i], path);
    if (!m.valid()) continue;
    const std::size_t errors_before = d.error_count();
    SignalSpec spec;
    bool named = false;
    if (auto v = m.require("name"); v && read_string(d, *v, m.path_of("name"), spec.name)) {
      if (!valid_name(spec.name)) {
        d.error(d.mark(*v), m.path_of("name"), "'" + spec.name + "' must be letters, digits and '_' (no dots), starting with a letter");
      } else if (is_reserved_condition_word(spec.name)) {
        d.error(d.mark(*v), m.path_of("name"), "'" + spec.name + "' is reserved by the condition language");
      } else if (auto it = first_line.find(spec.name); it != first_line.end()) {
        d.error(d.mark(*v), m.path_of("name"), "duplicate signal name '" + spec.name + "' (first defined at line " + std::to_string(it->second) + ")");
      } else {
        first_line.emplace(spec.name, d.mark(*v).line + 1);
        named = true;
      }
    }
    const IndicatorInfo* info = nullptr;
    if (auto v = m.require("indicator"); v && read_string(d, *v, m.path_of("indicator"), spec.indicator)) {
      info = find_indicator(spec.indicator);
      if (info == nullptr) {
        const std::string hint = closest(spec.indicator, indicator_names());
        std::string known;
        for (const auto& k : indicator_names()) known += (known.empty() ? "" : ", ") + k;
        d.error(d.mark(*v), m.path_of("indicator"),
                "unknown indicator '" + spec.indicator + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") + "; known: " + known);
      }
    }
    if (auto v = m.require("source"); v && read_string(d, *v, m.path_of("source"), spec.source) && info != nullptr) {
      check_source(d, *v, m.path_of("source"), *info, spec.source);
    }
    if (auto p = m.get("params"); p && !p->IsNull()) {
      MapReader params(d, *p, m.path_of("params"));
      if (params.valid() && info != nullptr) {
        for (const auto& param : info->params) {
          const std::string key(param.name);
          auto v = params.get(key);
          if (!v) continue;
          const std::string ppath = params.path_of(key);
          double value = 0;
          if (param.integer) {
            int iv = 0;
            if (!read_int(d, *v, ppath, iv, Range::closed(param.min, param.max))) continue;
            value = iv;
          } else if (!read_number(d, *v, ppath, value, Range::closed(param.min, param.max))) {
            continue;
          }
          spec.params[key] = value;
        }
        params.finish();
        if (info->name == "macd" && param_or_default(spec, "fast") >= param_or_default(spec, "slow")) {
          d.error(params.key_mark("fast"), params.path_of("fast"), "fast must be less than slow");
        }
      }
    }
    m.finish();
    if (named && info == nullptr) catalog.unknown_names.insert(spec.name);
    if (named && info != nullptr) {
      for (auto& col : signal_columns(spec)) catalog.columns.insert(std::move(col));
    }
    // The registry's own check backs ours up (e.g. rules added there later).
    if (d.error_count() == errors_before) {
      std::string msgs = spec_errors(spec);
      std::size_t start = 0;
      while (start < msgs.size()) {
        const std::size_t end = msgs.find('\n', start);
        d.error(m.mark(), path, msgs.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
      }
      out.push_back(std::move(spec));
    }
  }
  return catalog;
}

}  // namespace alvh::config::detail
