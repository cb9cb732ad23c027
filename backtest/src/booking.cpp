#include "alvh/backtest/booking.hpp"

#include "alvh/venue/position_book.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace alvh::backtest {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
std::string without_close(const std::string& tag) { return ends_with(tag, ":close") ? tag.substr(0, tag.size() - 6) : tag; }
}  // namespace

bool is_vix_family(const Instrument& i) { return i.root == "VIX" || i.root == "VX"; }
Book book_of(const Instrument& i) { return is_vix_family(i) ? Book::hedge : Book::condor; }

std::string booking_action(const std::string& tag, bool combo, int first_leg_ratio) {
  return ends_with(tag, ":close") ? "close" : combo ? "open" : (first_leg_ratio > 0 ? "buy" : "sell");
}

std::string position_id(const std::string& tag, const Instrument& first_leg, bool combo) {
  std::string base = without_close(tag);
  if (base.empty()) base = "untagged";
  return combo ? base : base + " " + symbol(first_leg);
}

std::string group_of(Book book, const std::string& tag) {
  if (book == Book::condor) return "condor";
  const std::string base = without_close(tag);
  const auto colon = base.rfind(':');
  return colon == std::string::npos ? base : base.substr(colon + 1);
}

void book_position(std::map<std::string, Position>& positions, const Instrument& inst, int qty, double price,
                   const std::string& tag) {
  venue::book_position(positions, inst, qty, price, tag);
}

PortfolioGreeks book_greeks(const std::map<std::string, Position>& positions, const ModelQuoteLookup& quote) {
  PortfolioGreeks g;
  for (const auto& [key, p] : positions) {
    const venue::ModelQuote* q = quote(p.instrument);
    if (!q) continue;
    const double n = p.quantity * p.instrument.multiplier;
    if (is_vix_family(p.instrument)) {
      g.vix_delta += n * q->greeks.delta;
      g.vix_vega += n * q->greeks.vega;
    } else {
      g.spx_delta += n * q->greeks.delta;
      g.spx_gamma += n * q->greeks.gamma;
      g.spx_vega += n * q->greeks.vega;
    }
    g.theta += n * q->greeks.theta;
  }
  return g;
}

void mark_ledger(Ledger& ledger, const ModelQuoteLookup& quote) {
  ledger.mark_all([&](const Instrument& i) -> std::optional<double> {
    const venue::ModelQuote* q = quote(i);
    return q ? std::optional<double>(q->quote.mid()) : std::nullopt;
  });
}

DailyRecord daily_record(Date today, const Ledger& ledger, double condor0, double hedge0,
                         const std::vector<std::string>& ladder_layers,
                         const std::map<std::string, Position>& positions, const ModelQuoteLookup& quote) {
  DailyRecord r;
  r.date = today;
  r.equity = ledger.equity();
  r.condor_pnl = ledger.book_pnl(Book::condor) - condor0;
  r.hedge_pnl = ledger.book_pnl(Book::hedge) - hedge0;
  // Positions are kept in opening order: today's are at the back.
  double opened_today = 0;
  const auto& all = ledger.positions();
  for (auto it = all.rbegin(); it != all.rend() && !(it->opened < today); ++it)
    if (it->book == Book::condor && it->opened == today) opened_today += it->pnl();
  r.condor_pnl_held = r.condor_pnl - opened_today;
  r.ladder_contracts.assign(ladder_layers.size(), 0);
  for (const PositionRecord* p : ledger.open_positions()) {
    if (p->book == Book::condor) {
      ++r.open_condors;
      continue;
    }
    r.hedge_value += p->mark;
    const auto layer = std::find(ladder_layers.begin(), ladder_layers.end(), p->group);
    if (layer == ladder_layers.end()) continue;
    double n = 0;  // whole-contract equivalents: a fractional lot (multiplier 1) is 1/100 each
    for (const PositionLeg& leg : p->legs)
      n += std::abs(leg.quantity) * (leg.instrument.kind == InstrumentKind::Option ? leg.instrument.multiplier / 100.0 : 1.0);
    r.ladder_contracts[static_cast<std::size_t>(layer - ladder_layers.begin())] += n;
  }
  for (const auto& [key, p] : positions) {
    const venue::ModelQuote* q = quote(p.instrument);
    if (!q) continue;
    const double n = p.quantity * p.instrument.multiplier;
    BookGreeks& g = is_vix_family(p.instrument) ? r.hedge_greeks : r.condor_greeks;
    g.delta += n * q->greeks.delta;
    g.gamma += n * q->greeks.gamma;
    g.vega += n * q->greeks.vega;
    g.theta += n * q->greeks.theta;
  }
  return r;
}

}  // namespace alvh::backtest
