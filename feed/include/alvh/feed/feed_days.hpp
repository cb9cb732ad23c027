#pragma once
// The days alvh-feed publishes: exactly the days the in-process replay steps (usable rows of
// replay_range), each with the signal snapshot the replay delivers at the open (the signal table's
// values on the previous panel row's date).
#include <optional>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/core/signals/signal_table.hpp"
#include "alvh/zmq/market_day_codec.hpp"

namespace alvh::feed {

std::vector<wire::FeedDay> feed_days(const DailyPanel& panel, const SignalTable* signals, std::optional<Date> from,
                               std::optional<Date> to, int open_minutes);

}  // namespace alvh::feed
