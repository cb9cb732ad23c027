#pragma once
// Chooses iron-condor strikes from one complete SPXW chain: short legs by delta or by a multiple
// of the 1-day expected move, long wings a fixed width away, all on the strike grid.
#include <optional>
#include <string>

#include "alvh/core/market_events.hpp"
#include "alvh/core/option_pricer.hpp"
#include "alvh/strategies/iron_condor_config.hpp"

namespace alvh::strategies {

struct CondorQuotes {
  Quote short_put, long_put, short_call, long_call;
  double width() const;          // max(put width, call width), points
  double credit_mid() const;     // net credit at mids, points
  double credit_natural() const; // sell at bid, buy at ask
  double debit_to_close() const; // buy shorts at ask, sell longs at bid
};

struct CondorChoice {
  std::optional<CondorQuotes> legs;
  std::string reason;  // why no condor, or how the shorts were chosen
};

struct CondorInputs {
  Date expiry{};
  ExchangeTime now;
  double short_delta = 0.10;
  std::optional<double> vix;  // fallback ATM vol for the expected move, VIX points
  double rate = 0;
};

CondorChoice choose_condor(const OptionChainSnapshot& chain, const CondorInputs& in, const IronCondorConfig& cfg,
                           const OptionPricer& pricer);

}  // namespace alvh::strategies
