#pragma once
// The market the paper broker fills against: the same daily panel, option model and fill model as
// the backtest's replay engine, looked up by the replay time the host announces (clock messages).
// Borrowed inputs (pricer, calendar) must outlive the market.
#include <optional>

#include "alvh/venue/fill_model.hpp"
#include "alvh/venue/market_day.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/core/clock.hpp"
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/core/signals/daily_panel.hpp"

namespace alvh::broker {

class PaperMarket {
 public:
  PaperMarket(DailyPanel panel, const OptionPricer& pricer, const ExchangeCalendar& calendar,
              venue::OptionModelParams model = {}, venue::FillParams fills = {});
  PaperMarket(const PaperMarket&) = delete;  // MarketDay points into the panel rows
  PaperMarket& operator=(const PaperMarket&) = delete;

  // The panel day of `d`; empty when the data has no SPX close that day.
  std::optional<venue::MarketDay> day(Date d) const;
  // Model quote at the replay time, exactly as the replay engine's context prices an order.
  std::optional<venue::ModelQuote> quote(const Instrument& instrument, ExchangeTime t) const;
  std::optional<venue::SettlementValue> settlement(const Instrument& instrument, Date d) const;
  // The session close of `d` as the replay uses it: the calendar's close, 16:00 on non-trading days.
  int close_minutes(Date d) const;

  const venue::FillModel& fills() const { return fills_; }
  const venue::OptionModel& model() const { return model_; }
  const DailyPanel& panel() const { return panel_; }

 private:
  DailyPanel panel_;
  const ExchangeCalendar* calendar_;
  venue::OptionModel model_;
  venue::FillModel fills_;
};

}  // namespace alvh::broker
