#pragma once
// The simulated venue's market, shared read-only by every account trading it: the daily panel, the
// chain model and the fill model, looked up by replay time, and the venue's instrument definitions
// (what it lists and on what terms). The backtest and alvh-paper-broker read the same object, so a
// paper session and its backtest variant see the same prices. Borrowed inputs (panel, pricer,
// calendar) must outlive the market; the panel may grow (a feed appends days) but not reorder.
#include <optional>
#include <string>

#include "alvh/core/clock.hpp"
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/core/instrument.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/venue/market_day.hpp"
#include "alvh/venue/option_model.hpp"

namespace alvh::venue {

class SimulatedMarket {
 public:
  SimulatedMarket(const DailyPanel& panel, const OptionPricer& pricer, const ExchangeCalendar& calendar,
                  OptionModelParams model = {}, FillParams fills = {});
  SimulatedMarket(const SimulatedMarket&) = delete;
  SimulatedMarket& operator=(const SimulatedMarket&) = delete;

  // The panel day of `d`; empty when the data has no SPX close that day.
  std::optional<MarketDay> day(Date d) const;
  // Model quote at the replay time.
  std::optional<ModelQuote> quote(const Instrument& instrument, ExchangeTime t) const;
  // The settlement value of an instrument expiring on `d`, from that day's data.
  std::optional<SettlementValue> settlement(const Instrument& instrument, Date d) const;
  // The session close of `d` as the replay uses it: the calendar's close, 16:00 on non-trading days.
  int close_minutes(Date d) const;

  // The venue's instrument definitions. Empty when `instrument` is listed on `today` with these terms;
  // else why not: unknown root or kind, a multiplier other than the venue's (or, for an option,
  // 1/100 of it: the study's fractional lot, ladder.fractional), a strike that is not
  // finite, not on the listed grid or far outside the listed range, an expiry that is not listed or
  // already past. Contract terms never come from the client.
  std::optional<std::string> listing_problem(const Instrument& instrument, Date today) const;
  // The venue's multiplier for a root ($ per point), 0 when the venue does not list it.
  static double multiplier_of(const std::string& root);

  const FillModel& fills() const { return fills_; }
  const OptionModel& model() const { return model_; }
  const DailyPanel& panel() const { return *panel_; }
  const ExchangeCalendar& calendar() const { return *calendar_; }
  const OptionPricer& pricer() const { return *pricer_; }

 private:
  const DailyPanel* panel_;
  const OptionPricer* pricer_;
  const ExchangeCalendar* calendar_;
  OptionModel model_;
  FillModel fills_;
};

}  // namespace alvh::venue
