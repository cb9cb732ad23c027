#pragma once
// Where the paper broker sends what happened to orders and positions. The executable publishes
// through ZmqBackendServer (ServerEventPublisher); tests record the events.
#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"

namespace alvh::broker {

class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  virtual void order_event(const OrderEvent& e) = 0;
  virtual void fill(const Fill& f) = 0;
  virtual void settlement(const Settlement& s) = 0;
};

}  // namespace alvh::broker
