#include "stress_config.hpp"

#include <limits>
#include <variant>

namespace alvh::runner {

config::AlvhConfig stress_config(config::AlvhConfig cfg) {
  using namespace alvh::strategies;
  cfg.condor.vix_tiers = {VixTier{std::numeric_limits<double>::infinity(), 1.0, std::nullopt, "ungated (stress run)"}};
  std::vector<RuleSpec> kept;
  for (auto& rule : cfg.rules) {
    std::erase_if(rule.actions, [](const RuleAction& a) {
      return std::holds_alternative<SkipCondor>(a) || std::holds_alternative<ScaleCondor>(a);
    });
    if (!rule.actions.empty()) kept.push_back(std::move(rule));
  }
  cfg.rules = std::move(kept);
  return cfg;
}

}  // namespace alvh::runner
