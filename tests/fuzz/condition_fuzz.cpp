// Fuzzes the rule-condition compiler (translator + muparser) and the compiled condition.
// Input: first byte selects on_missing ('0' neutral, '1' false, '2' error; any byte mod 3), the rest
// is the condition text over the signal columns of config/alvh.yaml. A condition either compiles
// (no errors, reads only known columns) or reports errors at offsets inside the text; a compiled
// condition evaluates on any values, missing or extreme, without throwing or crashing.
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/config/condition_compiler.hpp"
#include "fuzz_check.hpp"
#include "fuzz_targets.hpp"

namespace {

using namespace alvh;
using alvh::fuzz::check;

const std::vector<std::string>& column_list() {
  static const std::vector<std::string> cols{"macd_vix.macd", "macd_vix.signal", "macd_vix.hist", "rsi_vix",
                                             "rsi_spx",       "adl.line",        "adl.ema",       "adl.mcclellan",
                                             "term_ratio",    "term_slope",      "vix"};
  return cols;
}

SignalValues fill(double (*value)(std::size_t)) {
  SignalValues v;
  const auto& cols = column_list();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const double x = value(i);
    if (!std::isinf(x) || x > 0) v[cols[i]] = x;  // -inf marks "absent"
  }
  return v;
}

double kAbsent(std::size_t) { return -std::numeric_limits<double>::infinity(); }

}  // namespace

int alvh_fuzz_condition(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto on_missing = static_cast<OnMissing>(data[0] % 3);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& cols = column_list();
  const std::set<std::string> columns(cols.begin(), cols.end());

  (void)config::is_reserved_condition_word(text);
  config::CompiledCondition c = config::compile_condition(text, columns, on_missing);
  if (!c.condition) {
    check(!c.errors.empty(), "no condition and no error");
    for (const auto& e : c.errors) {
      check(e.offset <= text.size(), "error offset " + std::to_string(e.offset) + " beyond the text");
      check(!e.message.empty(), "error without a message");
    }
    return 0;
  }
  check(c.errors.empty(), "condition compiled but errors reported");
  for (const auto& col : c.columns) check(columns.count(col) == 1, "condition reads unknown column " + col);

  const std::vector<SignalValues> sets{
      fill([](std::size_t i) { return 10.0 + static_cast<double>(i); }),
      fill([](std::size_t i) { return 60.0 - 3.0 * static_cast<double>(i); }),
      fill([](std::size_t) { return 0.0; }),
      fill([](std::size_t i) { return i % 2 ? 1e308 : -1e308; }),
      fill([](std::size_t i) { return i % 2 ? std::numeric_limits<double>::denorm_min() : -0.0; }),
      fill([](std::size_t i) { return i % 3 ? 1.0 : std::numeric_limits<double>::quiet_NaN(); }),
      fill([](std::size_t i) { return i % 2 ? 5.0 : kAbsent(i); }),
      fill(kAbsent),
  };
  for (const auto& today : sets) {
    for (const auto& previous : sets) {
      const RuleOutcome o = c.condition->evaluate(today, previous);
      bool any_missing = false;
      for (const auto& col : c.columns) {
        const auto t = today.find(col);
        if (t == today.end() || !t->second || std::isnan(*t->second)) any_missing = true;
      }
      if (any_missing && on_missing != OnMissing::False && !c.reads_previous)
        check(o.kind == RuleOutcome::Kind::Missing, "missing input not reported as Missing: " + o.reason);
      if (o.kind == RuleOutcome::Kind::Missing) check(on_missing != OnMissing::False, "Missing with on_missing: false");
    }
  }
  return 0;
}

ALVH_FUZZ_ENTRY(alvh_fuzz_condition)
