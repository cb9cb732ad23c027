#pragma once
// The strategy host's side of a paper (or live) backend: protocol-v1 commands and events through
// ZmqExecutionClient, plus the replay clock channel of alvh-paper-broker (docs/protocol.md §10).
// Every call blocks until the backend has answered, so the host can deliver the results to the
// strategy in the order the backtest would: an order returns once its ack (or nack) and its
// terminal order event (and fill) are in; a clock returns once the settlements it caused are in.
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
  std::string command, event, clock;
  std::string account = "paper";
  bool allow_live = false;  // config execution.mode: live
  std::chrono::milliseconds timeout{10000};
  std::optional<zmq::CurveClientConfig> curve;  // adapters.zmq.curve: CURVE on the command and event sockets
  // adapters.zmq: heartbeats both ways and the sockets' high-water marks.
  std::chrono::milliseconds heartbeat_interval{1000}, heartbeat_timeout{5000};
  int send_hwm = 1000, receive_hwm = 1000;
};

struct OrderOutcome {
  bool duplicate = false;          // answered from the backend's record: nothing executed now
  std::optional<zmq::Nack> nack;   // refused
  std::string ack_id;              // the reply's message correlation (journal: what acknowledged it)
  std::vector<OrderEvent> events;  // published for this id (none for duplicates)
  std::vector<Fill> fills;
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
  zmq::BackendSnapshot connect();
  zmq::BackendSnapshot snapshot();
  const zmq::HelloAck& session() const;

  ClockResult advance(ExchangeTime t);
  OrderOutcome submit(const ClientOrderId& id, const ComboOrder& order);
  OrderOutcome submit(const ClientOrderId& id, const SingleOrder& order);
  // Lets heartbeats go out during long stretches without commands.
  void keep_alive();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::host
