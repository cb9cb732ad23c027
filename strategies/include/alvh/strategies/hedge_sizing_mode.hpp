#pragma once
// The hedge sizing modes and their names: the one table every reader of a mode name uses (config
// parser, backtest variants, host, reports), so a new mode is added in one place.
#include <array>
#include <optional>
#include <string_view>

namespace alvh::strategies {

enum class HedgeSizingMode {
  VegaRatio,      // hedge vega = vega_ratio x condor vega, each per 1 point of its own implied vol
  FixedUnits,     // fixed_units_per_condor hedge units per open condor
  VixPointRatio,  // hedge $/VIX pt = vix_point_ratio x condor $/VIX pt
  PremiumBudget,  // VXTH-like: % of equity per month by forward VIX level
  GapCover,       // pay gap_cover_fraction of condor max loss on a +gap_shock_points VIX shock
};

struct HedgeSizingModeName {
  std::string_view name;
  HedgeSizingMode mode;
};

// In report order: the study's default first.
inline constexpr std::array<HedgeSizingModeName, 5> kHedgeSizingModes = {{
    {"vega_ratio", HedgeSizingMode::VegaRatio},
    {"vix_point_ratio", HedgeSizingMode::VixPointRatio},
    {"fixed_units", HedgeSizingMode::FixedUnits},
    {"premium_budget", HedgeSizingMode::PremiumBudget},
    {"gap_cover", HedgeSizingMode::GapCover},
}};

constexpr std::string_view hedge_sizing_mode_name(HedgeSizingMode m) {
  for (const auto& e : kHedgeSizingModes)
    if (e.mode == m) return e.name;
  return "?";
}

constexpr std::optional<HedgeSizingMode> parse_hedge_sizing_mode(std::string_view name) {
  for (const auto& e : kHedgeSizingModes)
    if (e.name == name) return e.mode;
  return std::nullopt;
}

// What the ladder does with a winning layer (DEFAULTS #10 and the glossary's "never paused").
enum class LadderExitPolicy {
  Hold,      // the base ladder is always held; signals resize layers and take profits above the base
  Monetize,  // close whole layers at monetize_multiple x cost or spot VIX >= monetize_vix; re-buy later
};

struct LadderExitPolicyName {
  std::string_view name;
  LadderExitPolicy policy;
};

inline constexpr std::array<LadderExitPolicyName, 2> kLadderExitPolicies = {{
    {"hold", LadderExitPolicy::Hold},
    {"monetize", LadderExitPolicy::Monetize},
}};

constexpr std::string_view ladder_exit_policy_name(LadderExitPolicy p) {
  for (const auto& e : kLadderExitPolicies)
    if (e.policy == p) return e.name;
  return "?";
}

constexpr std::optional<LadderExitPolicy> parse_ladder_exit_policy(std::string_view name) {
  for (const auto& e : kLadderExitPolicies)
    if (e.name == name) return e.policy;
  return std::nullopt;
}

}  // namespace alvh::strategies
