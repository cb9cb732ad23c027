#pragma once
// Limits of the signal-independent risk gate in front of every order (docs/references.md §R10).
#include <string>
#include <vector>

namespace alvh::strategies {

struct RiskGateConfig {
  int max_contracts_per_order = 50;       // contracts per leg (combo units x leg ratio)
  double max_loss_per_condor = 5000.0;    // $ per condor order: (width - credit) x 100 x qty
  int max_open_condors = 2;               // condor groups open at once; 1DTE condors overlap from
                                          // the 15:45 entry to the 16:00 settlement of the previous one
  double daily_loss_limit = 10000.0;      // $; breach -> REDUCING (no new risk)
  double hedge_spend_limit_12m = 25000.0; // $ of VIX-call premium bought in a rolling 365 days
  int max_orders_per_minute = 20;         // submissions in any 60 s window
  int max_quote_age_seconds = 120;        // quotes older than this are stale
  double max_relative_spread = 2.0;       // (ask - bid) / mid above this rejects the quote
};

std::vector<std::string> validate(const RiskGateConfig& c);

}  // namespace alvh::strategies
