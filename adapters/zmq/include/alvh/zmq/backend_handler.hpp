#pragma once
// What a backend (paper broker, IB bridge, replay) implements. ZmqBackendServer has already
// decoded, validated, authenticated and de-duplicated the command; the handler only decides.
// Handlers run on the thread that calls ZmqBackendServer::poll and may publish events through the
// server from inside these calls. An exception becomes a handler_error nack; nothing is executed.
#include <string>

#include "alvh/core/orders.hpp"
#include "alvh/zmq/messages.hpp"

namespace alvh::zmq {

struct CommandVerdict {
  bool accepted = true;
  std::string reason;  // shown to the strategy when refused
  static CommandVerdict accept() { return {true, {}}; }
  static CommandVerdict reject(std::string why) { return {false, std::move(why)}; }
};

class BackendHandler {
 public:
  virtual ~BackendHandler() = default;
  // Called once per client order id: a duplicate submit is answered by the server from its record.
  virtual CommandVerdict on_submit_combo(const ClientOrderId& id, const ComboOrder& order) = 0;
  virtual CommandVerdict on_submit_order(const ClientOrderId& id, const SingleOrder& order) = 0;
  virtual CommandVerdict on_cancel(const ClientOrderId& id) = 0;
  // Positions and open orders; the server fills in account and sequence numbers.
  virtual BackendSnapshot on_snapshot() = 0;
  // A client session opened (hello) or went silent past the client timeout.
  virtual void on_session_open(const std::string& /*source*/) {}
  virtual void on_session_lost(const std::string& /*source*/) {}
};

}  // namespace alvh::zmq
