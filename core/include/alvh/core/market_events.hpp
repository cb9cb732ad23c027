#pragma once
// Market data events delivered to strategies. Prices are index points; a missing value is an empty
// optional, never 0. Every event carries the exchange time it describes (point-in-time discipline).
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/clock.hpp"
#include "alvh/core/instrument.hpp"
#include "alvh/core/market_series.hpp"
#include "alvh/core/rule.hpp"

namespace alvh {

// One completed daily bar ("SPX", "VIX", "VX1"...). Delivered after the close of `date`.
struct DailyBar {
  std::string symbol;
  OhlcBar bar;
};

// Index levels observed at `time` (intraday or closing). Fields a host cannot supply stay empty.
struct IndexValues {
  ExchangeTime time;
  Value spx, vix, vix1d, vix9d, vix3m, vvix;
  Value vx_front;  // front-month VX future (used by the "no purchases above 50" rule)
};

// Bid/ask for one instrument. Greeks are optional: hosts with a model fill them, others leave them
// empty and the strategy prices through the OptionPricer port. Validation lives in quote_check.hpp.
struct Quote {
  Instrument instrument;
  double bid = 0, ask = 0;
  Timestamp time{};              // when the quote was observed (staleness check)
  std::optional<double> iv;      // annualised, 0.20 = 20%
  std::optional<double> delta;   // per unit of underlying, puts negative
  std::optional<double> vega;    // per 1 vol point
  double mid() const { return 0.5 * (bid + ask); }
};

// Quotes for instruments the strategy holds or asked about (e.g. intraday marks for stops).
struct QuoteSnapshot {
  ExchangeTime time;
  std::vector<Quote> quotes;
};

// One complete option chain for a root, delivered only when the whole batch has arrived.
// `forwards` carries the underlying per expiry: the same-expiry VX future for VIX options, the
// SPX forward (or spot) for SPXW.
struct ForwardQuote {
  Date expiry{};
  double price = 0;
};

struct OptionChainSnapshot {
  std::string root;  // "SPXW" or "VIX"
  ExchangeTime time;
  Timestamp observed{};
  double underlying = 0;  // spot index level
  std::vector<ForwardQuote> forwards;
  std::vector<Quote> quotes;
  std::optional<double> forward_for(Date expiry) const {
    for (const auto& f : forwards)
      if (f.expiry == expiry) return f.price;
    return std::nullopt;
  }
};

// Today's signal values and the rules that fired, computed by the host's signal engine from data
// known at `time`. Strategies never compute signals themselves.
struct SignalSnapshot {
  ExchangeTime time;
  SignalValues values;
  std::vector<FiredRule> fired;
};

// Cash settlement of an expiring option position (SPXW at the PM close, VIX at the AM SOQ).
struct Settlement {
  Instrument instrument;
  Date date{};
  double settlement_price = 0;  // underlying settlement value (index points)
  int quantity = 0;             // signed position that settled
  double cash = 0;              // $ credited (+) or debited (-)
};

}  // namespace alvh
