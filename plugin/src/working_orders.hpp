#pragma once
// The plugin's own record of the orders it submitted and that are not terminal yet. The host
// reports every state change through on_order_event, so the plugin can answer open_orders()
// without a host call that would have to carry whole orders back across the boundary.
#include <map>
#include <vector>

#include "alvh/core/orders.hpp"

namespace alvh::plugin {

class WorkingOrders {
 public:
  void submitted(const ClientOrderId& id, const ComboOrder& order);
  void submitted(const ClientOrderId& id, const SingleOrder& order);
  // Applies the event to a known order (illegal transitions are ignored by Order::apply) and
  // forgets the order once it is terminal.
  void apply(const OrderEvent& e);
  std::vector<Order> open() const;

 private:
  std::map<ClientOrderId, Order> orders_;
};

}  // namespace alvh::plugin
