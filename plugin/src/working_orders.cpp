#include "working_orders.hpp"

namespace alvh::plugin {

void WorkingOrders::submitted(const ClientOrderId& id, const ComboOrder& order) {
  Order o;
  o.id = id;
  o.combo = order;
  orders_[id] = std::move(o);
}

void WorkingOrders::submitted(const ClientOrderId& id, const SingleOrder& order) {
  Order o;
  o.id = id;
  o.single = order;
  orders_[id] = std::move(o);
}

void WorkingOrders::apply(const OrderEvent& e) {
  auto it = orders_.find(e.id);
  if (it == orders_.end()) return;
  it->second.apply(e);
  if (is_terminal(e.state)) orders_.erase(it);
}

std::vector<Order> WorkingOrders::open() const {
  std::vector<Order> out;
  out.reserve(orders_.size());
  for (const auto& [id, o] : orders_) out.push_back(o);
  return out;
}

}  // namespace alvh::plugin
