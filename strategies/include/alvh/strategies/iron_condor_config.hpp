#pragma once
// Parameters of the daily 1DTE SPXW iron condor (docs/references.md §R1, §R7 #11, #12).
// Plain data: config/ fills it from YAML, validate_iron_condor_config() checks it.
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace alvh::strategies {

enum class ShortStrikeMethod {
  Delta,         // short legs at |delta| = short_delta
  ExpectedMove,  // short legs at spot -/+ em_multiple x 1-day expected move
};

// What to do on a day whose next trading day has no SPXW expiry (common before May 2022).
enum class MissingExpiryPolicy {
  Skip,           // no condor that day
  NearestWithin,  // use the nearest listed expiry within nearest_within_trading_days
};

// One row of the VIX gate: applies when VIX < vix_below (rows sorted ascending; first match wins).
// size_factor 0 means "no new condor". short_delta overrides the default when set.
struct VixTier {
  double vix_below = std::numeric_limits<double>::infinity();  // VIX points
  double size_factor = 1.0;                                    // x quantity
  std::optional<double> short_delta;
  std::string label;                                           // used in decision logs
};

struct IronCondorConfig {
  std::string name = "iron_condor";
  std::string root = "SPXW";

  // Entry time, New York minutes after midnight (15:45). On early-close days the entry moves to
  // early_close_lead_minutes before the close (13:00 - 15 = 12:45).
  int entry_minutes = 15 * 60 + 45;
  int early_close_lead_minutes = 15;

  ShortStrikeMethod short_strike_method = ShortStrikeMethod::Delta;
  double short_delta = 0.10;     // absolute delta of each short leg
  double em_multiple = 1.2;      // x 1-day expected move (ExpectedMove method)
  double wing_width = 25.0;      // index points between short and long strike
  double strike_step = 5.0;      // index points, SPXW grid
  double min_credit = 0.70;      // points per condor (= $70)

  // Sizing: quantity = floor(risk_budget / max_loss_per_condor), max loss per condor in $ =
  // (wing_width - credit) x 100; capped by max_quantity; at least 1 if budget allows one.
  double risk_budget = 5000.0;   // $ of max loss per day
  int max_quantity = 10;         // condors

  // VIX gate (VixShield glossary): < 15 all tiers, 15-20 no aggressive tier, > 20 no new condor.
  std::vector<VixTier> vix_tiers = {
      {15.0, 1.0, std::nullopt, "vix<15 all tiers"},
      {20.0, 1.0, std::nullopt, "15<=vix<20 conservative+balanced"},
      {std::numeric_limits<double>::infinity(), 0.0, std::nullopt, "vix>=20 no new condor"},
  };

  MissingExpiryPolicy missing_expiry = MissingExpiryPolicy::Skip;
  int nearest_within_trading_days = 3;  // NearestWithin only

  // Exits. Default: hold to PM cash settlement. Both need intraday quotes (on_quotes).
  std::optional<double> stop_loss_multiple;   // close when debit to close >= multiple x credit
  std::optional<double> profit_target;        // close when debit to close <= (1 - target) x credit

  // Limit price: mid of the combo, rounded down to tick; never below min_credit, never a debit.
  double price_tick = 0.05;

  // Quote sanity for the legs (see quote_check.hpp).
  int max_quote_age_seconds = 120;
  double max_relative_spread = 2.0;  // (ask - bid) / mid; cheap wings quote 0.05/0.15 = 100%
};

// Empty when valid; otherwise one message per problem ("wing_width must be > 0, got -5").
std::vector<std::string> validate(const IronCondorConfig& c);

}  // namespace alvh::strategies
