#pragma once
// JSON payload of a `market_day` message: the day's raw panel row (index OHLC, volatility-index
// closes, VX curve, breadth) and the signal snapshot the strategy gets at the open (values of the
// previous close). Doubles are written with round-trip precision, so a host that runs the option
// model on a received row prices exactly as one that reads the row from disk.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/market_events.hpp"
#include "alvh/core/signals/daily_panel.hpp"
#include "alvh/zmq/result.hpp"

namespace alvh::wire {

struct FeedDay {
  PanelRow row;
  std::optional<SignalSnapshot> signals;
  std::vector<std::string> signal_columns;  // the signal table's column order (reports list them so)
};

std::string market_day_to_json(const FeedDay& day);
// Never throws: malformed payloads are a ProtocolError (missing_field / wrong_type / not_json).
Result<FeedDay> market_day_from_json(std::string_view text);

}  // namespace alvh::wire
