#pragma once
// Builds the core RuleBook from a validated configuration (compiles each condition).
#include "alvh/config/alvh_config.hpp"
#include "alvh/core/rule_book.hpp"

namespace alvh::config {

// Throws std::invalid_argument when a condition does not compile, which cannot happen for a
// configuration returned by load_config().
RuleBook build_rule_book(const AlvhConfig& config);

}  // namespace alvh::config
