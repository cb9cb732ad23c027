#include "alvh/config/rule_book_factory.hpp"

#include <stdexcept>

#include "alvh/config/condition_compiler.hpp"
#include "alvh/core/signals/indicator_registry.hpp"

namespace alvh::config {

RuleBook build_rule_book(const AlvhConfig& config) {
  std::set<std::string> columns;
  for (const auto& s : config.signals) {
    for (auto& c : signal_columns(s)) columns.insert(std::move(c));
  }
  RuleBook book;
  for (const auto& rule : config.rules) {
    CompiledCondition c = compile_condition(rule.condition, columns, rule.on_missing);
    if (!c.condition) {
      throw std::invalid_argument("rule '" + rule.name + "': " +
                                  (c.errors.empty() ? std::string("condition does not compile") : c.errors.front().message));
    }
    book.add(rule, std::move(c.condition));
  }
  return book;
}

}  // namespace alvh::config
