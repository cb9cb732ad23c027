#pragma once
// The set of configured rules, evaluated once per day. It owns each rule's compiled condition
// (built by config/, which hides the expression engine) and applies the rule's on_missing policy.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "alvh/core/rule.hpp"

namespace alvh {

struct RuleError {
  std::string rule;
  std::string message;
};

// One rule's verdict for the day, kept for dry runs ("which rules fired and why").
struct RuleEvaluation {
  std::string rule;
  RuleOutcome outcome;
};

struct RuleBookResult {
  std::vector<FiredRule> fired;           // in configuration order
  std::vector<RuleError> errors;          // Error outcomes, and Missing outcomes of on_missing: error rules
  std::vector<RuleEvaluation> evaluations;  // every rule, in configuration order
};

class RuleBook {
 public:
  // Throws std::invalid_argument on a null condition or a duplicate rule name.
  void add(RuleSpec spec, std::unique_ptr<RuleCondition> condition);

  std::size_t size() const { return rules_.size(); }
  bool empty() const { return rules_.empty(); }
  const RuleSpec& spec(std::size_t i) const { return rules_.at(i).spec; }

  // `previous` holds the prior trading day's columns (for prev() and crossings).
  RuleBookResult evaluate(const SignalValues& today, const SignalValues& previous) const;

 private:
  struct Entry {
    RuleSpec spec;
    std::unique_ptr<RuleCondition> condition;
  };
  std::vector<Entry> rules_;
};

}  // namespace alvh
