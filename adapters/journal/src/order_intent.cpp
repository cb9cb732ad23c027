#include "alvh/journal/order_intent.hpp"

#include <algorithm>
#include <cmath>

namespace alvh::journal {

std::string_view to_string(IntentStatus s) {
  switch (s) {
    case IntentStatus::Pending: return "pending";
    case IntentStatus::Sent: return "sent";
    case IntentStatus::Acked: return "acked";
    case IntentStatus::Rejected: return "rejected";
    case IntentStatus::Terminal: return "terminal";
  }
  return "?";
}

std::optional<IntentStatus> parse_intent_status(std::string_view text) {
  for (auto s : {IntentStatus::Pending, IntentStatus::Sent, IntentStatus::Acked, IntentStatus::Rejected,
                 IntentStatus::Terminal})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

Order OrderIntent::as_order() const {
  Order o;
  o.id = id;
  o.combo = combo;
  o.single = single;
  o.state = order_state;
  o.filled_quantity = filled_quantity;
  return o;
}

namespace {
// Prices travel through JSON and SQLite REAL; both round-trip doubles, the tolerance only guards
// against a foreign backend printing fewer digits.
bool same_price(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a)); }
}  // namespace

bool same_request(const Order& a, const Order& b) {
  if (a.combo.has_value() != b.combo.has_value() || a.single.has_value() != b.single.has_value()) return false;
  if (a.combo) {
    const ComboOrder &x = *a.combo, &y = *b.combo;
    if (x.legs.size() != y.legs.size() || x.quantity != y.quantity || !same_price(x.limit, y.limit) ||
        x.effect != y.effect || x.tag != y.tag)
      return false;
    for (std::size_t i = 0; i < x.legs.size(); ++i)
      if (!(x.legs[i].instrument == y.legs[i].instrument) || x.legs[i].side != y.legs[i].side ||
          x.legs[i].ratio != y.legs[i].ratio)
        return false;
    return true;
  }
  if (a.single) {
    const SingleOrder &x = *a.single, &y = *b.single;
    return x.instrument == y.instrument && x.side == y.side && x.quantity == y.quantity &&
           same_price(x.limit, y.limit) && x.tag == y.tag;
  }
  return true;
}

}  // namespace alvh::journal
