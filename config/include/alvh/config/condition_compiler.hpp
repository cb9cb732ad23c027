#pragma once
// Compiles a rule condition ("macd_vix.hist > 0 and crosses_above(rsi_vix, 60)") into the core
// RuleCondition port. The expression engine (muparser) stays inside alvh::config.
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/rule.hpp"

namespace alvh::config {

struct ConditionError {
  std::size_t offset = 0;  // 0-based character offset into the condition text
  std::string message;
};

struct CompiledCondition {
  std::unique_ptr<RuleCondition> condition;  // null when errors is not empty
  std::vector<ConditionError> errors;
  std::vector<std::string> columns;  // signal columns the condition reads, sorted, unique
  bool reads_previous = false;       // uses prev() or crosses_*()
};

// `columns` are the signal columns defined by the configuration (see signal_columns()).
// on_missing = False makes each clause that reads a missing input count as false (0) while the
// rest of the expression is evaluated; Neutral and Error report Kind::Missing instead.
// The returned condition is not thread-safe (it reuses one evaluation buffer).
CompiledCondition compile_condition(std::string_view expression, const std::set<std::string>& columns,
                                    OnMissing on_missing);

// Words that cannot be used as signal names because the condition language owns them.
bool is_reserved_condition_word(std::string_view word);

}  // namespace alvh::config
