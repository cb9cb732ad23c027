#pragma once
// Publishes the broker's events on the protocol-v1 PUB socket (topic exec.<account>).
#include "alvh/broker/event_publisher.hpp"
#include "alvh/zmq/zmq_backend_server.hpp"

namespace alvh::broker {

class ServerEventPublisher final : public EventPublisher {
 public:
  explicit ServerEventPublisher(wire::ZmqBackendServer& server) : server_(&server) {}
  void order_event(const OrderEvent& e) override { server_->publish_order_event(e); }
  void fill(const Fill& f) override { server_->publish_fill(f); }
  void settlement(const Settlement& s) override { server_->publish_settlement(s); }

 private:
  wire::ZmqBackendServer* server_;
};

}  // namespace alvh::broker
