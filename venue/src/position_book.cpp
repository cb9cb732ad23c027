#include "alvh/venue/position_book.hpp"

#include <cstdlib>

namespace alvh::venue {

void book_position(std::map<std::string, Position>& positions, const Instrument& inst, int qty, double price,
                   const std::string& tag) {
  const std::string key = symbol(inst);
  auto it = positions.find(key);
  if (it == positions.end()) {
    if (qty != 0) positions.emplace(key, Position{inst, qty, price, tag});
    return;
  }
  Position& p = it->second;
  const int before = p.quantity, after = before + qty;
  if (after == 0) {
    positions.erase(it);
    return;
  }
  if ((before > 0) == (qty > 0))
    p.average_price = (p.average_price * std::abs(before) + price * std::abs(qty)) / std::abs(after);
  else if ((after > 0) != (before > 0))
    p.average_price = price;
  p.quantity = after;
}

}  // namespace alvh::venue
