#pragma once
// Net positions per instrument, keyed by symbol: how a fill or a settlement changes one (average
// price of the side held; a flip starts at the fill's price; zero removes it). The simulated venue
// books its account with it and the replay engine its strategy-facing positions.
#include <map>
#include <string>

#include "alvh/core/positions.hpp"

namespace alvh::venue {

void book_position(std::map<std::string, Position>& positions, const Instrument& instrument, int quantity, double price,
                   const std::string& tag);

}  // namespace alvh::venue
