#include "alvh/broker/paper_market.hpp"

#include <algorithm>

namespace alvh::broker {

PaperMarket::PaperMarket(DailyPanel panel, const OptionPricer& pricer, const ExchangeCalendar& calendar,
                         venue::OptionModelParams model, venue::FillParams fills)
    : panel_(std::move(panel)), calendar_(&calendar), model_(pricer, model), fills_(fills) {}

std::optional<venue::MarketDay> PaperMarket::day(Date d) const {
  const auto it = std::lower_bound(panel_.rows.begin(), panel_.rows.end(), d,
                                   [](const PanelRow& r, Date x) { return r.date < x; });
  if (it == panel_.rows.end() || it->date != d || !it->spx.close) return std::nullopt;
  return venue::market_day(*it);
}

std::optional<venue::ModelQuote> PaperMarket::quote(const Instrument& instrument, ExchangeTime t) const {
  const auto d = day(t.date);
  if (!d) return std::nullopt;
  return model_.quote(instrument, *d, t.minutes);
}

std::optional<venue::SettlementValue> PaperMarket::settlement(const Instrument& instrument, Date d) const {
  const auto m = day(d);
  if (!m) return std::nullopt;
  return model_.settlement(instrument, *m);
}

int PaperMarket::close_minutes(Date d) const {
  return calendar_->is_trading_day(d) ? calendar_->close_minutes(d) : hhmm(16, 0);
}

}  // namespace alvh::broker
