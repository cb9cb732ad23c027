#pragma once
// The strategy host's side of an execution backend: protocol-v1 commands and events through
// ZmqExecutionClient, plus (optional) the replay clock channel of alvh-paper-broker, a paper-only
// extension (docs/protocol.md §10). Every call blocks until the backend has answered, so the host
// can deliver the results to the strategy in the order the backtest would: an order returns once its
// ack (or nack) and its terminal order event (with its fills) are in; an order still working after
// `working_timeout` is cancelled and returns once the cancel has ended it. A clock returns once the
// settlements it caused are in; without a clock channel, settlements are whatever the backend
// published on its execution stream.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/messages.hpp"

namespace alvh::host {

struct BrokerEndpoints {
  std::string command, event;
  std::string clock;  // empty: the backend has no replay clock (any protocol-v1 backend)
  std::string account = "paper";
  bool allow_live = false;  // config execution.mode: live
  std::chrono::milliseconds timeout{10000};          // one reply (ack, snapshot, clock, cancel)
  std::chrono::milliseconds working_timeout{10000};  // an acked order not yet ended is then cancelled
  std::optional<wire::CurveClientConfig> curve;  // adapters.zmq.curve: CURVE on the command and event sockets
  // adapters.zmq: heartbeats both ways and the sockets' high-water marks.
  std::chrono::milliseconds heartbeat_interval{1000}, heartbeat_timeout{5000};
  int send_hwm = 1000, receive_hwm = 1000;
};

struct OrderOutcome {
  bool duplicate = false;          // answered from the backend's record: nothing executed now
  std::optional<wire::Nack> nack;   // refused
  std::string ack_id;              // the reply's message correlation (journal: what acknowledged it)
  std::vector<OrderEvent> events;  // published for this id, in arrival order
  std::vector<Fill> fills;
  bool cancel_sent = false;        // still working after working_timeout: the host cancelled it
  bool ended = false;              // a terminal event arrived (false: outcome unknown, e.g. a duplicate
                                   // the backend did not re-publish)
};

struct ClockResult {
  bool behind = false;  // the broker's clock is already later (a restarted host catching up)
  std::vector<Settlement> settlements;
};

class BrokerLink {
 public:
  explicit BrokerLink(BrokerEndpoints endpoints);
  ~BrokerLink();
  BrokerLink(const BrokerLink&) = delete;
  BrokerLink& operator=(const BrokerLink&) = delete;

  // hello, then the first snapshot. Throws when the backend does not answer, refuses the session,
  // or declares itself live without allow_live.
  wire::BackendSnapshot connect();
  wire::BackendSnapshot snapshot();
  const wire::HelloAck& session() const;

  bool has_clock() const;
  // Clock channel only: moves the backend's replay clock and returns the settlements it caused.
  ClockResult advance(ExchangeTime t);
  // The settlements the backend published since the last call (reads what has arrived).
  std::vector<Settlement> take_settlements();
  // Fills and order events for client order ids the host was not waiting for (not its orders, or
  // arriving after the order ended), since the last call. The host logs them and reconciles.
  std::vector<Fill> take_unexpected_fills();
  std::vector<OrderEvent> take_unexpected_events();
  OrderOutcome submit(const ClientOrderId& id, const ComboOrder& order);
  OrderOutcome submit(const ClientOrderId& id, const SingleOrder& order);
  // Lets heartbeats go out during long stretches without commands.
  void keep_alive();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::host
