#pragma once
// AuditEntry: one line of the audit log — decisions, trading-state transitions, reconciliation
// verdicts, anything an operator needs to answer "why did the book change / not change".
#include <cstdint>
#include <string>

#include "alvh/core/clock.hpp"

namespace alvh::journal {

struct AuditEntry {
  std::int64_t id = 0;  // increasing, assigned by the journal
  Timestamp time{};
  std::string kind;     // e.g. "decision", "state", "reconcile", "intent", "warning"
  std::string source;   // who said it (strategy name, "host", "reconciler")
  std::string message;
};

}  // namespace alvh::journal
