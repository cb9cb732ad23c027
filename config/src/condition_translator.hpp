#pragma once
// Private: turns the rule-condition language into a muparser expression. The boolean layer
// (and/or/not) is parsed here and fully parenthesised, so muparser's own precedence never
// decides a clause boundary; prev() and crosses_*() become reads of previous-day variables.
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/config/condition_compiler.hpp"

namespace alvh::config::detail {

struct VarSlot {
  std::string column;
  bool previous = false;
  std::string mu_name;  // name bound in muparser
};

// A boolean clause that counts as false when one of its inputs is missing (on_missing: false).
struct FlagSlot {
  std::string mu_name;
  std::vector<std::size_t> vars;  // indices into TranslatedCondition::vars
};

// The and/or/not skeleton of the condition, used to explain which clauses were true.
struct Clause {
  enum class Kind { Or, And, Not, Leaf } kind = Kind::Leaf;
  std::vector<std::size_t> children;  // indices into TranslatedCondition::clauses
  std::string mu_text;                // standalone muparser expression for this clause
  std::string source_text;            // the clause as written
  std::vector<std::size_t> vars;      // every variable read (leaves only)
  std::string lhs_mu_text;            // leaf "a + b >= 2": muparser text of "a + b", else empty
};

struct TranslatedCondition {
  std::string mu_text;
  std::vector<std::size_t> origin;  // for each char of mu_text, its offset in the source
  std::vector<VarSlot> vars;
  std::vector<FlagSlot> flags;
  std::vector<Clause> clauses;  // clauses[0] is the whole condition
  std::vector<ConditionError> errors;
};

TranslatedCondition translate_condition(std::string_view source, const std::set<std::string>& columns);

}  // namespace alvh::config::detail
