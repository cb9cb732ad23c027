#include "alvh/feed/model_chains.hpp"

#include "alvh/core/spxw_expirations.hpp"

namespace alvh::feed {

ModelChains::ModelChains(const ExchangeCalendar& calendar, const OptionPricer& pricer, venue::OptionModelParams model,
                         backtest::ReplaySettings replay)
    : calendar_(&calendar), pricer_(&pricer), model_(pricer, model), replay_(std::move(replay)) {}

std::vector<OptionChainSnapshot> ModelChains::operator()(const wire::FeedDay& day) const {
  // ReplayDay reads one panel row: a one-row panel is the day.
  DailyPanel one;
  one.rows.push_back(day.row);
  const backtest::ReplayMarket market{&one, calendar_, pricer_, &model_, &fills_};
  backtest::ReplayDay rd(market, replay_, 0, std::nullopt);
  const int minutes = rd.index_minutes();
  const auto chain = [&](const std::string& root, double underlying, const std::vector<Date>& expiries) {
    OptionChainSnapshot s;
    s.root = root;
    s.time = {day.row.date, minutes};
    s.observed = venue::replay_timestamp(day.row.date, minutes);
    s.underlying = underlying;
    for (Date e : expiries) {
      if (auto f = rd.chain_forward(root, e, minutes)) s.forwards.push_back({e, *f});
      const auto& q = rd.chain_quotes(root, e, minutes);
      s.quotes.insert(s.quotes.end(), q.begin(), q.end());
    }
    return s;
  };
  std::vector<OptionChainSnapshot> out;
  const venue::MarketDay& m = rd.market();
  if (const auto e = spxw_expiry_next_trading_day(day.row.date, *calendar_).expiry) out.push_back(chain("SPXW", m.spx_close, {*e}));
  std::vector<Date> vix;
  if (m.curve)
    for (std::size_t i = 0; i < kVxMonths; ++i)
      if (m.curve->expiry[i] && *m.curve->expiry[i] >= m.date) vix.push_back(*m.curve->expiry[i]);
  if (!vix.empty()) out.push_back(chain("VIX", m.vix_close.value_or(0.0), vix));
  return out;
}

}  // namespace alvh::feed
