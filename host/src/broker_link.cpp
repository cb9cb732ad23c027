#include "alvh/host/broker_link.hpp"

#include <stdexcept>
#include <utility>
#include <variant>

#include "alvh/zmq/clock_client.hpp"
#include "alvh/zmq/context.hpp"
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
  wire::Context context;
  std::unique_ptr<wire::ZmqExecutionClient> client;
  std::unique_ptr<wire::ClockClient> clock;
  std::optional<wire::HelloAck> hello;
  std::optional<wire::BackendSnapshot> last_snapshot;
  // Replies by correlation id; events by client order id (they travel on another socket and may
  // arrive before or after the reply).
  std::map<std::string, std::variant<wire::CommandAck, wire::CommandNack>> replies;
  std::map<ClientOrderId, std::vector<OrderEvent>> events;
  std::map<ClientOrderId, std::vector<Fill>> fills;
  std::vector<Settlement> settlements;
  std::vector<Fill> unexpected_fills;
  std::vector<OrderEvent> unexpected_events;
  std::optional<ClientOrderId> in_flight;  // the order whose events we wait for
  std::string exec_topic;

  explicit Impl(BrokerEndpoints e) : ep(std::move(e)), exec_topic("exec." + ep.account) {
    wire::ClientConfig c;
    c.command_endpoint = ep.command;
    c.event_endpoint = ep.event;
    c.source = "alvh-host";
    c.account = ep.account;
    c.curve = ep.curve;
    c.heartbeat_interval = ep.heartbeat_interval;
    c.heartbeat_timeout = ep.heartbeat_timeout;
    c.send_hwm = ep.send_hwm;
    c.receive_hwm = ep.receive_hwm;
    if (!ep.allow_live) c.expected_mode = wire::BackendMode::Paper;
    client = std::make_unique<wire::ZmqExecutionClient>(context.native(), c);
    if (!ep.clock.empty()) clock = std::make_unique<wire::ClockClient>(context.native(), ep.clock, "alvh-host", ep.curve);
  }

  void pump(std::chrono::milliseconds wait) {
    for (auto& e : client->poll(wait)) {
      std::visit(Overload{
                     [&](wire::CommandAck& a) { replies.emplace(a.correlation_id, std::move(a)); },
                     [&](wire::CommandNack& n) { replies.emplace(n.correlation_id, std::move(n)); },
                     [&](wire::SessionEstablished& s) {
                       if (s.hello.mode == wire::BackendMode::Live && !ep.allow_live)
                         throw std::runtime_error("the backend at " + ep.command +
                                                  " declares itself LIVE; refusing (set execution.mode: live to trade it)");
                       hello = s.hello;
                     },
                     [&](wire::SessionRefused& r) { throw std::runtime_error("the backend refused the session: " + r.reason); },
                     [&](wire::SnapshotReceived& s) { last_snapshot = std::move(s.snapshot); },
                     [&](OrderEvent& o) {
                       if (in_flight && o.id == *in_flight) events[o.id].push_back(std::move(o));
                       else unexpected_events.push_back(std::move(o));
                     },
                     [&](Fill& f) {
                       if (in_flight && f.id == *in_flight) fills[f.id].push_back(std::move(f));
                       else unexpected_fills.push_back(std::move(f));
                     },
                     [&](Settlement& s) { settlements.push_back(std::move(s)); },
                     [&](wire::LinkLost&) {
                       throw std::runtime_error("lost the link to the backend at " + ep.command + " (no heartbeat)");
                     },
                     [&](auto&) {},
                 },
                 e);
    }
  }

  // Waits for `done` up to `limit` (default: the reply timeout). Returns false on timeout when
  // `quiet`, else throws naming what was awaited, and says so when the backend's messages were
  // malformed rather than missing.
  template <class Done>
  bool wait_until(Done done, const char* what, std::optional<std::chrono::milliseconds> limit = {}, bool quiet = false) {
    const auto deadline = std::chrono::steady_clock::now() + limit.value_or(ep.timeout);
    const std::uint64_t bad_before = client->rejections().total();
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) {
        if (quiet) return false;
        const std::uint64_t bad = client->rejections().total() - bad_before;
        if (bad > 0)
          throw std::runtime_error("the backend's reply was malformed (" + std::string(what) + "): " + std::to_string(bad) +
                                   " message(s) refused by the protocol decoder" + malformed_detail());
        throw std::runtime_error(std::string("the backend did not answer in time (") + what + ")" +
                                 // A refused CURVE handshake looks like silence from this side.
                                 (ep.curve ? "; CURVE is on: check that the backend admits this host's public key "
                                             "and that adapters.zmq.curve.server_public_key_file is the backend's"
                                           : ""));
      }
      pump(std::chrono::milliseconds{50});
    }
    return true;
  }

  std::string malformed_detail() const {
    std::string out;
    const auto& r = client->rejections();
    for (std::size_t i = 0; i < wire::kRejectReasonCount; ++i) {
      const auto reason = static_cast<wire::RejectReason>(i);
      if (r.count(reason) > 0) out += (out.empty() ? " (" : ", ") + std::string(wire::to_string(reason)) + ": " + std::to_string(r.count(reason));
    }
    return out.empty() ? out : out + " so far)";
  }

  wire::BackendSnapshot fresh_snapshot() {
    last_snapshot.reset();
    if (!client->request_snapshot()) throw std::runtime_error("could not send snapshot_request");
    wait_until([&] { return last_snapshot.has_value(); }, "snapshot");
    return *last_snapshot;
  }

  template <class OrderT>
  std::variant<wire::CommandAck, wire::CommandNack> send_and_wait(const ClientOrderId& id, const OrderT& order) {
    std::optional<std::string> msg;
    if constexpr (std::is_same_v<OrderT, ComboOrder>)
      msg = client->submit_combo(id, order);
    else
      msg = client->submit_order(id, order);
    if (!msg) throw std::runtime_error("could not send order " + id + " (session not up)");
    wait_until([&] { return replies.count(*msg) > 0; }, "order reply");
    auto reply = std::move(replies.at(*msg));
    replies.erase(*msg);
    return reply;
  }

  bool ended(const ClientOrderId& id) const {
    const auto it = events.find(id);
    if (it == events.end()) return false;
    for (const OrderEvent& e : it->second)
      if (is_terminal(e.state)) return e.state != OrderState::Filled || fills.count(id) > 0;
    return false;
  }

  template <class OrderT>
  OrderOutcome submit(const ClientOrderId& id, const OrderT& order) {
    in_flight = id;
    struct Clear {
      Impl& s;
      ClientOrderId id;
      ~Clear() {
        s.in_flight.reset();
        s.events.erase(id);
        s.fills.erase(id);
      }
    } clear{*this, id};
    auto reply = send_and_wait(id, order);
    // The backend lost our session (it restarted, or timed us out): say hello again and send the
    // same client order id once more; the backend's idempotency makes that safe.
    if (auto* n = std::get_if<wire::CommandNack>(&reply); n && n->nack.code == "hello_required") {
      hello.reset();
      if (!client->hello()) throw std::runtime_error("could not send hello to " + ep.command);
      wait_until([&] { return hello.has_value(); }, "hello after hello_required");
      reply = send_and_wait(id, order);
    }
    OrderOutcome out;
    if (auto* n = std::get_if<wire::CommandNack>(&reply)) {
      out.nack = n->nack;
      out.ended = true;
      return out;
    }
    const auto& ack = std::get<wire::CommandAck>(reply);
    out.ack_id = ack.correlation_id;
    out.duplicate = ack.duplicate;
    // The events come on the SUB socket, before or after the ack: wait for the terminal one (and
    // the fills). A duplicate's events come only from a backend that re-publishes its record.
    const auto working = out.duplicate ? ep.timeout : ep.working_timeout;
    out.ended = wait_until([&] { return ended(id); }, "order events", working, true);
    if (!out.ended && !out.duplicate) {
      const auto cancel = client->cancel(id);
      if (!cancel) throw std::runtime_error("could not send cancel for " + id + " (session not up)");
      out.cancel_sent = true;
      out.ended = wait_until([&] { return ended(id); }, "order events after the cancel", ep.timeout, true);
      if (replies.count(*cancel)) replies.erase(*cancel);
    }
    out.events = std::move(events[id]);
    out.fills = std::move(fills[id]);
    return out;
  }
};

BrokerLink::BrokerLink(BrokerEndpoints endpoints) : impl_(std::make_unique<Impl>(std::move(endpoints))) {}
BrokerLink::~BrokerLink() = default;

wire::BackendSnapshot BrokerLink::connect() {
  Impl& s = *impl_;
  if (!s.client->hello()) throw std::runtime_error("could not send hello to " + s.ep.command);
  s.wait_until([&] { return s.hello.has_value() && s.last_snapshot.has_value(); }, "hello and snapshot");
  return *s.last_snapshot;
}

wire::BackendSnapshot BrokerLink::snapshot() { return impl_->fresh_snapshot(); }

const wire::HelloAck& BrokerLink::session() const {
  if (!impl_->hello) throw std::logic_error("BrokerLink::session before connect");
  return *impl_->hello;
}

bool BrokerLink::has_clock() const { return impl_->clock != nullptr; }

std::vector<Settlement> BrokerLink::take_settlements() {
  impl_->pump(std::chrono::milliseconds{0});
  return std::exchange(impl_->settlements, {});
}
std::vector<Fill> BrokerLink::take_unexpected_fills() { return std::exchange(impl_->unexpected_fills, {}); }
std::vector<OrderEvent> BrokerLink::take_unexpected_events() { return std::exchange(impl_->unexpected_events, {}); }

ClockResult BrokerLink::advance(ExchangeTime t) {
  Impl& s = *impl_;
  if (!s.clock) throw std::logic_error("BrokerLink::advance without a clock channel");
  if (!s.hello) throw std::logic_error("BrokerLink::advance before connect");
  const wire::ClockReply reply = s.clock->advance(t, s.hello->session, s.ep.timeout);
  ClockResult out;
  if (std::holds_alternative<wire::ClockTimeout>(reply))
    throw std::runtime_error("the paper broker's clock at " + s.ep.clock + " did not answer");
  if (const auto* n = std::get_if<wire::Nack>(&reply)) {
    if (n->code == "invalid_payload" && n->message.find("backwards") != std::string::npos) {
      out.behind = true;
      return out;
    }
    throw std::runtime_error("the paper broker refused the clock " + to_string(t) + ": " + n->code + " " + n->message);
  }
  const auto& ack = std::get<wire::ClockAck>(reply);
  s.wait_until([&] { return s.client->last_sequence(s.exec_topic) >= ack.exec_seq; }, "settlements");
  out.settlements = std::exchange(s.settlements, {});
  return out;
}

OrderOutcome BrokerLink::submit(const ClientOrderId& id, const ComboOrder& order) { return impl_->submit(id, order); }
OrderOutcome BrokerLink::submit(const ClientOrderId& id, const SingleOrder& order) { return impl_->submit(id, order); }

void BrokerLink::keep_alive() { impl_->pump(std::chrono::milliseconds{0}); }

}  // namespace alvh::host
