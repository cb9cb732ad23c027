#pragma once
// The modelled option chains alvh-feed publishes on chain.SPXW / chain.VIX at each day's index time
// (15:40, close - 20 on early-close days): what the replay answers to the strategies' chain requests,
// built with the backtest's option model (SPXW: the 1DTE expiry; VIX: every listed VX expiry not yet
// past). For other consumers of the feed; alvh-host prices from the received day itself.
#include <vector>

#include "alvh/venue/option_model.hpp"
#include "alvh/backtest/replay_engine.hpp"
#include "alvh/core/exchange_calendar.hpp"
#include "alvh/core/market_events.hpp"
#include "alvh/core/option_pricer.hpp"
#include "alvh/zmq/market_day_codec.hpp"

namespace alvh::feed {

class ModelChains {
 public:
  // Borrowed: calendar and pricer outlive this.
  ModelChains(const ExchangeCalendar& calendar, const OptionPricer& pricer, venue::OptionModelParams model = {},
              backtest::ReplaySettings replay = {});
  std::vector<OptionChainSnapshot> operator()(const wire::FeedDay& day) const;

 private:
  const ExchangeCalendar* calendar_;
  const OptionPricer* pricer_;
  venue::OptionModel model_;
  venue::FillModel fills_;
  backtest::ReplaySettings replay_;
};

}  // namespace alvh::feed
