#pragma once
// What a backend (paper broker, IB bridge, replay) implements. ZmqBackendServer has already
// decoded, validated, authenticated and de-duplicated the command; the handler only decides.
// Handlers run on the thread that calls ZmqBackendServer::poll and may publish events through the
// server from inside these calls. An exception becomes a handler_error nack; nothing is executed.
#include <string>

#include "alvh/core/orders.hpp"
#include "alvh/zmq/messages.hpp"

namespace alvh::wire {

struct CommandVerdict {
  bool accepted = true;
  std::string reason;      // shown to the strategy when refused
  bool duplicate = false;  // the handler answered from its own record (an id known from before a restart)
  static CommandVerdict accept() { return {true, {}, false}; }
  static CommandVerdict reject(std::string why) { return {false, std::move(why), false}; }
  static CommandVerdict accept_duplicate() { return {true, {}, true}; }
  static CommandVerdict reject_duplicate(std::string why) { return {false, std::move(why), true}; }
};

class BackendHandler {
 public:
  virtual ~BackendHandler() = default;
  // Called once per client order id: a duplicate submit is answered by the server from its record.
  virtual CommandVerdict on_submit_combo(const ClientOrderId& id, const ComboOrder& order) = 0;
  virtual CommandVerdict on_submit_order(const ClientOrderId& id, const SingleOrder& order) = 0;
  virtual CommandVerdict on_cancel(const ClientOrderId& id) = 0;
  // The server answered a duplicate submit from its in-process record (ack, duplicate: true): a
  // handler that keeps the order's outcome re-publishes it (events and fills), so a client that
  // lost the first publication (it crashed after sending) learns the outcome. Exceptions are ignored.
  virtual void on_duplicate(const ClientOrderId& /*id*/) {}
  // Positions and open orders; the server fills in account and sequence numbers.
  virtual BackendSnapshot on_snapshot() = 0;
  // A client session opened (hello) or went silent past the client timeout.
  virtual void on_session_open(const std::string& /*source*/) {}
  virtual void on_session_lost(const std::string& /*source*/) {}
};

}  // namespace alvh::wire
