#include "alvh/strategies/quote_book.hpp"

#include <algorithm>

namespace alvh::strategies {

namespace {

bool same_series(InstrumentKind kind, const std::string& root, Date expiry, const Instrument& i) {
  return kind == i.kind && expiry == i.expiry && root == i.root;
}

// Order inside a series: by right, then strike, the order in which a chain lists its quotes (puts
// then calls, each ascending), so a fresh chain appends and a repeated one replaces in place.
// Futures have strike 0 and one right, so they take one slot each.
bool before(OptionType ra, double ka, OptionType rb, double kb) {
  if (ra != rb) return static_cast<int>(ra) > static_cast<int>(rb);
  return ka < kb;
}
// A series entry against an instrument of the same series, in that order.
constexpr auto entry_before = [](const auto& entry, const Instrument& i) {
  return before(entry.right, entry.strike, i.right, i.strike);
};

}  // namespace

QuoteBook::Series& QuoteBook::series_for(const Instrument& i) {
  // A chain holds one or a few series: a linear scan beats any map here.
  for (auto& s : series_)
    if (same_series(s.kind, s.root, s.expiry, i)) return s;
  series_.push_back({i.kind, i.root, i.expiry, {}});
  return series_.back();
}

void QuoteBook::update(std::span<const Quote> quotes) {
  Series* last = nullptr;
  for (const Quote& q : quotes) {
    const Instrument& i = q.instrument;
    if (!last || !same_series(last->kind, last->root, last->expiry, i)) {
      last = &series_for(i);
      last->quotes.reserve(quotes.size());
    }
    const Entry e{i.strike, i.right, q.bid, q.ask, q.time, q.iv, q.delta, q.vega};
    auto& v = last->quotes;
    if (v.empty() || before(v.back().right, v.back().strike, i.right, i.strike)) {
      v.push_back(e);
      continue;
    }
    auto it = std::lower_bound(v.begin(), v.end(), i, entry_before);
    if (it != v.end() && !before(i.right, i.strike, it->right, it->strike)) *it = e;
    else v.insert(it, e);
  }
}

void QuoteBook::drop_expired_before(Date day) {
  std::erase_if(series_, [&](const Series& s) { return s.expiry < day; });
}

std::optional<Quote> QuoteBook::find(const Instrument& i) const {
  for (const auto& s : series_) {
    if (!same_series(s.kind, s.root, s.expiry, i)) continue;
    auto it = std::lower_bound(s.quotes.begin(), s.quotes.end(), i, entry_before);
    if (it == s.quotes.end() || before(i.right, i.strike, it->right, it->strike)) return std::nullopt;
    return Quote{i, it->bid, it->ask, it->time, it->iv, it->delta, it->vega};
  }
  return std::nullopt;
}

std::size_t QuoteBook::size() const {
  std::size_t n = 0;
  for (const auto& s : series_) n += s.quotes.size();
  return n;
}

}  // namespace alvh::strategies
