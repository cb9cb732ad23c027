#include "alvh/venue/simulated_market.hpp"

#include <algorithm>
#include <cmath>

#include "alvh/core/spxw_expirations.hpp"
#include "alvh/core/vix_expirations.hpp"

namespace alvh::venue {

namespace {

// Listed strike grids: SPXW every 5 points, VIX options every 0.50 (the finer of the two grids the
// exchange uses; 1.00 strikes are on it too).
constexpr double kSpxwStrikeStep = 5.0;
constexpr double kVixStrikeStep = 0.5;
// Beyond these multiples of the underlying nothing is listed; a strike out there is a bad order,
// not a deep wing (1e308 must never be priced and booked).
constexpr double kSpxwStrikeBand[2] = {0.25, 4.0};
constexpr double kVixStrikeMax = 500.0;

bool on_grid(double strike, double step) {
  const double n = strike / step;
  return std::fabs(n - std::round(n)) < 1e-9;
}

std::string format_number(double x) {
  std::string s = std::to_string(x);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

SimulatedMarket::SimulatedMarket(const DailyPanel& panel, const OptionPricer& pricer, const ExchangeCalendar& calendar,
                                 OptionModelParams model, FillParams fills)
    : panel_(&panel), pricer_(&pricer), calendar_(&calendar), model_(pricer, model), fills_(fills) {}

std::optional<MarketDay> SimulatedMarket::day(Date d) const {
  const auto& rows = panel_->rows;
  const auto it = std::lower_bound(rows.begin(), rows.end(), d, [](const PanelRow& r, Date x) { return r.date < x; });
  if (it == rows.end() || it->date != d || !it->spx.close) return std::nullopt;
  return market_day(*it);
}

std::optional<ModelQuote> SimulatedMarket::quote(const Instrument& instrument, ExchangeTime t) const {
  const auto d = day(t.date);
  if (!d) return std::nullopt;
  return model_.quote(instrument, *d, t.minutes);
}

std::optional<SettlementValue> SimulatedMarket::settlement(const Instrument& instrument, Date d) const {
  const auto m = day(d);
  if (!m) return std::nullopt;
  return model_.settlement(instrument, *m);
}

int SimulatedMarket::close_minutes(Date d) const {
  return calendar_->is_trading_day(d) ? calendar_->close_minutes(d) : hhmm(16, 0);
}

double SimulatedMarket::multiplier_of(const std::string& root) {
  if (root == "SPXW" || root == "VIX") return 100.0;
  if (root == "VX") return 1000.0;
  return 0.0;
}

std::optional<std::string> SimulatedMarket::listing_problem(const Instrument& i, Date today) const {
  const double multiplier = multiplier_of(i.root);
  if (multiplier == 0) return "root '" + i.root + "' is not listed (SPXW, VIX, VX)";
  const bool future = i.root == "VX";
  if ((i.kind == InstrumentKind::Future) != future)
    return i.root + (future ? " is a future, not an option" : " is an option, not a future");
  // An option at 1/100 of the multiplier is the study's fractional lot (ladder.fractional): 1/100 contract.
  const bool fractional_lot = !future && i.multiplier == multiplier / 100.0;
  if (i.multiplier != multiplier && !fractional_lot)
    return "multiplier " + format_number(i.multiplier) + " is not " + i.root + "'s " + format_number(multiplier) +
           " (or " + format_number(multiplier / 100.0) + " for a fractional lot)";
  if (i.expiry < today) return "expiry " + to_iso(i.expiry) + " is past (today is " + to_iso(today) + ")";
  if (future) {
    if (i.strike != 0) return "a VX future has no strike";
  } else {
    if (!std::isfinite(i.strike) || i.strike <= 0) return "strike " + format_number(i.strike) + " is not a positive number";
    if (i.root == "SPXW") {
      if (!on_grid(i.strike, kSpxwStrikeStep)) return "SPXW strike " + format_number(i.strike) + " is not on the 5-point grid";
      if (const auto d = day(today)) {
        if (i.strike < kSpxwStrikeBand[0] * d->spx_close || i.strike > kSpxwStrikeBand[1] * d->spx_close)
          return "SPXW strike " + format_number(i.strike) + " is not listed (SPX " + format_number(d->spx_close) + ")";
      }
    } else {
      if (!on_grid(i.strike, kVixStrikeStep)) return "VIX strike " + format_number(i.strike) + " is not on the 0.50 grid";
      if (i.strike > kVixStrikeMax) return "VIX strike " + format_number(i.strike) + " is not listed";
    }
  }
  if (i.root == "SPXW") {
    if (!is_spxw_expiry(i.expiry, *calendar_)) return "no SPXW expiry on " + to_iso(i.expiry);
  } else {
    const auto ym = std::chrono::year_month{i.expiry.year(), i.expiry.month()};
    // A contract's expiry can fall in the month before the contract month: check both.
    const auto next = ym + std::chrono::months{1};
    if (vix_expiry(ym, *calendar_) != i.expiry && vix_expiry(next, *calendar_) != i.expiry)
      return "no " + i.root + " expiry on " + to_iso(i.expiry);
  }
  return std::nullopt;
}

}  // namespace alvh::venue
