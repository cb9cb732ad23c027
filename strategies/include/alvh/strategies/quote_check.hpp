#pragma once
// Quote sanity checks shared by the strategies and the risk gate: a bad quote never becomes an order.
#include <optional>
#include <string>

#include "alvh/core/market_events.hpp"

namespace alvh::strategies {

struct QuoteLimits {
  int max_age_seconds = 120;
  double max_relative_spread = 2.0;  // (ask - bid) / mid; cheap wings quote 0.05/0.15 = 100%
};

// The reason the quote is unusable ("NaN bid", "crossed 1.20/1.10", "zero bid", "stale 300 s"),
// or nullopt when it is fine.
std::optional<std::string> quote_problem(const Quote& q, Timestamp now, const QuoteLimits& limits);

}  // namespace alvh::strategies
