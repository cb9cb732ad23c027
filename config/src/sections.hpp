#pragma once
// Private: one reader per top-level section of the YAML document.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "alvh/config/alvh_config.hpp"
#include "yaml_reader.hpp"

namespace alvh::config::detail {

void read_data(Diagnostics& d, const YAML::Node& n, DataConfig& out, const std::filesystem::path& base_dir);
void read_execution(Diagnostics& d, const YAML::Node& n, ExecutionConfig& out);
void read_adapters(Diagnostics& d, const YAML::Node& n, AdaptersConfig& out, const std::filesystem::path& base_dir);
void read_report(Diagnostics& d, const YAML::Node& n, ReportConfig& out, const std::filesystem::path& base_dir);
void read_model(Diagnostics& d, const YAML::Node& n, ModelConfig& out);

struct SignalCatalog {
  std::set<std::string> columns;       // columns of every signal that could be validated
  std::set<std::string> unknown_names; // signals whose indicator is unknown (columns unknowable)
};
SignalCatalog read_signals(Diagnostics& d, const YAML::Node& n, std::vector<SignalSpec>& out);
void read_rules(Diagnostics& d, const YAML::Node& n, const SignalCatalog& catalog, std::vector<RuleSpec>& out);

void read_condor(Diagnostics& d, const YAML::Node& n, strategies::IronCondorConfig& out);
void read_ladder(Diagnostics& d, const YAML::Node& n, const SignalCatalog& catalog, strategies::VixLadderConfig& out);
void read_risk(Diagnostics& d, const YAML::Node& n, strategies::RiskGateConfig& out);

std::filesystem::path resolve(const std::filesystem::path& base_dir, const std::filesystem::path& p);

}  // namespace alvh::config::detail
