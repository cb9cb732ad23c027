#pragma once
// The latest quote per instrument, as the risk gate needs it: one sorted vector per option series
// (root, kind, expiry) instead of a node per quote. A chain arrives in strike order, so updating
// a series is mostly appending, and pruning expired series drops whole vectors. This keeps the
// gate's share of an event-to-order decision small (docs/performance.md, latency).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alvh/core/market_events.hpp"

namespace alvh::strategies {

class QuoteBook {
 public:
  // Newer quotes replace older ones of the same instrument; others are kept.
  void update(std::span<const Quote> quotes);
  // Expired instruments can never be ordered again; dropping them keeps memory bounded.
  void drop_expired_before(Date day);
  // The latest quote of `i` (its instrument is `i`), or none.
  std::optional<Quote> find(const Instrument& i) const;
  std::size_t size() const;

 private:
  // A quote without its series' fields: no string to copy, so taking in a chain stays cheap for
  // every session that watches it.
  struct Entry {
    double strike = 0;
    OptionType right = OptionType::Call;
    double bid = 0, ask = 0;
    Timestamp time{};
    std::optional<double> iv, delta, vega;
  };
  struct Series {
    InstrumentKind kind;
    std::string root;
    Date expiry;
    std::vector<Entry> quotes;  // puts, then calls, each by ascending strike
  };
  Series& series_for(const Instrument& i);
  std::vector<Series> series_;
};

}  // namespace alvh::strategies
