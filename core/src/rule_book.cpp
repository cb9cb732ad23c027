#include "alvh/core/rule_book.hpp"

#include <stdexcept>
#include <utility>

namespace alvh {

void RuleBook::add(RuleSpec spec, std::unique_ptr<RuleCondition> condition) {
  if (!condition) throw std::invalid_argument("rule '" + spec.name + "' has no condition");
  for (const auto& e : rules_) {
    if (e.spec.name == spec.name) throw std::invalid_argument("duplicate rule name '" + spec.name + "'");
  }
  rules_.push_back(Entry{std::move(spec), std::move(condition)});
}

RuleBookResult RuleBook::evaluate(const SignalValues& today, const SignalValues& previous) const {
  RuleBookResult result;
  result.evaluations.reserve(rules_.size());
  for (const auto& e : rules_) {
    RuleOutcome outcome = e.condition->evaluate(today, previous);
    switch (outcome.kind) {
      case RuleOutcome::Kind::True:
        result.fired.push_back(FiredRule{e.spec.name, outcome.reason, e.spec.actions});
        break;
      case RuleOutcome::Kind::Missing:
        // neutral and false both leave the rule unfired; only "error" surfaces it.
        if (e.spec.on_missing == OnMissing::Error) result.errors.push_back(RuleError{e.spec.name, outcome.reason});
        break;
      case RuleOutcome::Kind::Error:
        result.errors.push_back(RuleError{e.spec.name, outcome.reason});
        break;
      case RuleOutcome::Kind::False:
        break;
    }
    result.evaluations.push_back(RuleEvaluation{e.spec.name, std::move(outcome)});
  }
  return result;
}

}  // namespace alvh
