#include "alvh/core/orders.hpp"

namespace alvh {

std::string_view to_string(OrderState s) {
  switch (s) {
    case OrderState::PendingSubmit: return "PendingSubmit";
    case OrderState::Accepted: return "Accepted";
    case OrderState::PartiallyFilled: return "PartiallyFilled";
    case OrderState::Filled: return "Filled";
    case OrderState::PendingCancel: return "PendingCancel";
    case OrderState::Cancelled: return "Cancelled";
    case OrderState::Rejected: return "Rejected";
    case OrderState::Expired: return "Expired";
  }
  return "?";
}

bool is_terminal(OrderState s) {
  return s == OrderState::Filled || s == OrderState::Cancelled || s == OrderState::Rejected ||
         s == OrderState::Expired;
}

bool can_transition(OrderState from, OrderState to) {
  using S = OrderState;
  switch (from) {
    case S::PendingSubmit: return to == S::Accepted || to == S::Rejected;
    case S::Accepted:
    case S::PartiallyFilled:
      return to == S::PartiallyFilled || to == S::Filled || to == S::PendingCancel || to == S::Cancelled ||
             to == S::Expired;
    case S::PendingCancel:  // a fill may race the cancel request
      return to == S::Cancelled || to == S::Filled || to == S::PartiallyFilled;
    default: return false;
  }
}

bool Order::apply(const OrderEvent& e) {
  if (e.id != id || !can_transition(state, e.state)) return false;
  if (e.filled_quantity < filled_quantity || e.filled_quantity > quantity()) return false;
  state = e.state;
  filled_quantity = e.filled_quantity;
  return true;
}

}  // namespace alvh
