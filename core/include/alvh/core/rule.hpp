#pragma once
// Signal rules: a condition over signal columns and typed actions for the strategies.
// Conditions are compiled by config/ (muparser); core only sees the RuleCondition port.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "alvh/core/market_series.hpp"
#include "alvh/core/trading_state.hpp"

namespace alvh {

enum class OnMissing { Neutral, False, Error };  // neutral: rule neither fires nor blocks

enum class LadderLayer { Front = 0, Mid = 1, Back = 2 };

struct SetLayerMultipliers {
  std::array<std::optional<double>, 3> contracts;  // contracts per hedge unit, e.g. {6, 4, 2}
};
struct SkipCondor {};
struct ScaleCondor { double factor = 1.0; };
struct MonetizeLayer { LadderLayer layer = LadderLayer::Front; };
struct SetTradingState { TradingState state = TradingState::Active; };
struct BlockHedgePurchases {};

using RuleAction =
    std::variant<SetLayerMultipliers, SkipCondor, ScaleCondor, MonetizeLayer, SetTradingState, BlockHedgePurchases>;

struct RuleSpec {
  std::string name;
  std::string condition;  // e.g. "macd_vix.hist > 0 and rsi_spx < 40"
  std::vector<RuleAction> actions;
  OnMissing on_missing = OnMissing::Neutral;
};

// Signal column values on one day; an absent or empty entry means "not available".
using SignalValues = std::unordered_map<std::string, Value>;

struct RuleOutcome {
  enum class Kind { True, False, Missing, Error } kind = Kind::False;
  std::string reason;  // which clause was true, which input was missing, or the error
};

class RuleCondition {
 public:
  virtual ~RuleCondition() = default;
  virtual RuleOutcome evaluate(const SignalValues& today, const SignalValues& previous) const = 0;
};

struct FiredRule {
  std::string name;
  std::string reason;
  std::vector<RuleAction> actions;
};

}  // namespace alvh
