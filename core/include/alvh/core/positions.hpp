#pragma once
// Positions and portfolio aggregates a strategy can read through its context.
#include <string>
#include <vector>

#include "alvh/core/instrument.hpp"

namespace alvh {

struct Position {
  Instrument instrument;
  int quantity = 0;          // contracts, signed: + long, - short
  double average_price = 0;  // premium per contract, points
  std::string tag;           // tag of the order that opened it
};

// Dollar greeks of the whole book: delta in $ per 1 index point, vega in $ per 1 vol point,
// theta in $ per calendar day. VIX and SPX deltas are not summed across underlyings.
struct PortfolioGreeks {
  double spx_delta = 0, spx_gamma = 0, spx_vega = 0;
  double vix_delta = 0, vix_vega = 0;
  double theta = 0;
};

struct AccountSummary {
  double equity = 0;        // $ net liquidation value
  double realized_today = 0;    // $ since the session opened
  double unrealized = 0;        // $ mark-to-market of open positions
  double day_pnl() const { return realized_today + unrealized; }
};

}  // namespace alvh
