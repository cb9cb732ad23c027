#include "alvh/host/broker_link.hpp"

#include <zmq.hpp>

#include <stdexcept>
#include <variant>

#include "alvh/broker/clock_client.hpp"
#include "alvh/zmq/zmq_execution_client.hpp"

namespace alvh::host {

namespace {
template <class... F>
struct Overload : F... {
  using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;
}  // namespace

struct BrokerLink::Impl {
  BrokerEndpoints ep;
  ::zmq::context_t context{1};
  std::unique_ptr<zmq::ZmqExecutionClient> client;
  std::unique_ptr<broker::ClockClient> clock;
  std::optional<zmq::HelloAck> hello;
  std::optional<zmq::BackendSnapshot> last_snapshot;
  // Replies by correlation id; events by client order id (they travel on another socket and may
  // arrive before or after the reply).
  std::map<std::string, std::variant<zmq::CommandAck, zmq::CommandNack>> replies;
  std::map<ClientOrderId, std::vector<OrderEvent>> events;
  std::map<ClientOrderId, std::vector<Fill>> fills;
  std::vector<Settlement> settlements;
  std::string exec_topic;

  explicit Impl(BrokerEndpoints e) : ep(std::move(e)), exec_topic("exec." + ep.account) {
    zmq::ClientConfig c;
    c.command_endpoint = ep.command;
    c.event_endpoint = ep.event;
    c.source = "alvh-host";
    c.account = ep.account;
    c.curve = ep.curve;
    c.heartbeat_interval = ep.heartbeat_interval;
    c.heartbeat_timeout = ep.heartbeat_timeout;
    c.send_hwm = ep.send_hwm;
    c.receive_hwm = ep.receive_hwm;
    if (!ep.allow_live) c.expected_mode = zmq::BackendMode::Paper;
    client = std::make_unique<zmq::ZmqExecutionClient>(context, c);
    clock = std::make_unique<broker::ClockClient>(context, ep.clock, "alvh-host");
  }

  void pump(std::chrono::milliseconds wait) {
    for (auto& e : client->poll(wait)) {
      std::visit(Overload{
                     [&](zmq::CommandAck& a) { replies.emplace(a.correlation_id, std::move(a)); },
                     [&](zmq::CommandNack& n) { replies.emplace(n.correlation_id, std::move(n)); },
                     [&](zmq::SessionEstablished& s) {
                       if (s.hello.mode == zmq::BackendMode::Live && !ep.allow_live)
                         throw std::runtime_error("the backend at " + ep.command +
                                                  " declares itself LIVE; refusing (set execution.mode: live to trade it)");
                       hello = s.hello;
                     },
                     [&](zmq::SessionRefused& r) { throw std::runtime_error("the backend refused the session: " + r.reason); },
                     [&](zmq::SnapshotReceived& s) { last_snapshot = std::move(s.snapshot); },
                     [&](OrderEvent& o) { events[o.id].push_back(std::move(o)); },
                     [&](Fill& f) { fills[f.id].push_back(std::move(f)); },
                     [&](Settlement& s) { settlements.push_back(std::move(s)); },
                     [&](zmq::LinkLost&) {
                       throw std::runtime_error("lost the link to the backend at " + ep.command + " (no heartbeat)");
                     },
                     [&](auto&) {},
                 },
                 e);
    }
  }

  template <class Done>
  void wait_until(Done done, const char* what) {
    const auto deadline = std::chrono::steady_clock::now() + ep.timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error(std::string("the backend did not answer in time (") + what + ")" +
                                 // A refused CURVE handshake looks like silence from this side.
                                 (ep.curve ? "; CURVE is on: check that the backend admits this host's public key "
                                             "and that adapters.zmq.curve.server_public_key_file is the backend's"
                                           : ""));
      pump(std::chrono::milliseconds{50});
    }
  }

  zmq::BackendSnapshot fresh_snapshot() {
    last_snapshot.reset();
    if (!client->request_snapshot()) throw std::runtime_error("could not send snapshot_request");
    wait_until([&] { return last_snapshot.has_value(); }, "snapshot");
    return *last_snapshot;
  }

  template <class OrderT>
  OrderOutcome submit(const ClientOrderId& id, const OrderT& order) {
    std::optional<std::string> msg;
    if constexpr (std::is_same_v<OrderT, ComboOrder>)
      msg = client->submit_combo(id, order);
    else
      msg = client->submit_order(id, order);
    if (!msg) throw std::runtime_error("could not send order " + id + " (session not up)");
    wait_until([&] { return replies.count(*msg) > 0; }, "order reply");
    OrderOutcome out;
    auto reply = std::move(replies.at(*msg));
    replies.erase(*msg);
    if (auto* n = std::get_if<zmq::CommandNack>(&reply)) {
      out.nack = n->nack;
      events.erase(id);
      fills.erase(id);
      return out;
    }
    const auto& ack = std::get<zmq::CommandAck>(reply);
    out.ack_id = ack.correlation_id;
    out.duplicate = ack.duplicate;
    if (!out.duplicate) {
      // The broker publishes accepted, then the terminal event and the fill, before its ack; they
      // come on the SUB socket, so wait for the terminal event (and the fill when filled).
      auto complete = [&] {
        const auto it = events.find(id);
        if (it == events.end()) return false;
        for (const OrderEvent& e : it->second)
          if (is_terminal(e.state)) return e.state != OrderState::Filled || fills.count(id) > 0;
        return false;
      };
      wait_until(complete, "order events");
      out.events = std::move(events[id]);
      out.fills = std::move(fills[id]);
    }
    events.erase(id);
    fills.erase(id);
    return out;
  }
};

BrokerLink::BrokerLink(BrokerEndpoints endpoints) : impl_(std::make_unique<Impl>(std::move(endpoints))) {}
BrokerLink::~BrokerLink() = default;

zmq::BackendSnapshot BrokerLink::connect() {
  Impl& s = *impl_;
  if (!s.client->hello()) throw std::runtime_error("could not send hello to " + s.ep.command);
  s.wait_until([&] { return s.hello.has_value() && s.last_snapshot.has_value(); }, "hello and snapshot");
  return *s.last_snapshot;
}

zmq::BackendSnapshot BrokerLink::snapshot() { return impl_->fresh_snapshot(); }

const zmq::HelloAck& BrokerLink::session() const {
  if (!impl_->hello) throw std::logic_error("BrokerLink::session before connect");
  return *impl_->hello;
}

ClockResult BrokerLink::advance(ExchangeTime t) {
  Impl& s = *impl_;
  const broker::ClockReply reply = s.clock->advance(t, s.ep.timeout);
  ClockResult out;
  if (std::holds_alternative<broker::ClockTimeout>(reply))
    throw std::runtime_error("the paper broker's clock at " + s.ep.clock + " did not answer");
  if (const auto* n = std::get_if<zmq::Nack>(&reply)) {
    if (n->code == "invalid_payload" && n->message.find("backwards") != std::string::npos) {
      out.behind = true;
      return out;
    }
    throw std::runtime_error("the paper broker refused the clock " + to_string(t) + ": " + n->code + " " + n->message);
  }
  const auto& ack = std::get<broker::ClockAck>(reply);
  s.wait_until([&] { return s.client->last_sequence(s.exec_topic) >= ack.exec_seq; }, "settlements");
  out.settlements = std::exchange(s.settlements, {});
  return out;
}

OrderOutcome BrokerLink::submit(const ClientOrderId& id, const ComboOrder& order) { return impl_->submit(id, order); }
OrderOutcome BrokerLink::submit(const ClientOrderId& id, const SingleOrder& order) { return impl_->submit(id, order); }

void BrokerLink::keep_alive() { impl_->pump(std::chrono::milliseconds{0}); }

}  // namespace alvh::host
