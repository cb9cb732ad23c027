#pragma once
// The whole validated configuration (YAML schema version 1). Plain data with defaults equal to
// docs/references.md §R7; config/alvh.yaml spells every value out.
#include <filesystem>
#include <vector>

#include "alvh/config/adapters_config.hpp"
#include "alvh/config/data_config.hpp"
#include "alvh/config/execution_config.hpp"
#include "alvh/config/model_config.hpp"
#include "alvh/config/report_config.hpp"
#include "alvh/core/rule.hpp"
#include "alvh/core/signal_spec.hpp"
#include "alvh/strategies/iron_condor_config.hpp"
#include "alvh/strategies/risk_gate_config.hpp"
#include "alvh/strategies/vix_ladder_config.hpp"

namespace alvh::config {

inline constexpr int kSchemaVersion = 1;

struct AlvhConfig {
  int schema_version = kSchemaVersion;
  std::filesystem::path source;  // the file it was read from; empty when loaded from a string
  DataConfig data;
  std::vector<SignalSpec> signals;
  std::vector<RuleSpec> rules;
  strategies::IronCondorConfig condor;
  // The study hedges in fractional contracts (ladder.fractional); the plug-in (paper, live) trades
  // whole ones whatever the file says.
  strategies::VixLadderConfig ladder = [] {
    strategies::VixLadderConfig l;
    l.fractional = true;
    return l;
  }();
  strategies::RiskGateConfig risk;
  ExecutionConfig execution;
  ModelConfig model;
  AdaptersConfig adapters;
  ReportConfig report;
};

}  // namespace alvh::config
