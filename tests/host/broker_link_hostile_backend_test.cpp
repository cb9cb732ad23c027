// The hostile-backend corpus for the host's link: a protocol-v1 backend that leaves orders working,
// fills partially, fills orders nobody sent, forgets our session, or publishes legs that are not the
// order's. The link turns each into an outcome the session books or reports (host::Session books
// only fills whose legs match the order; see tests/paper), never into a hang or a silent drop.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <zmq.hpp>

#include "alvh/host/broker_link.hpp"
#include "alvh/zmq/backend_handler.hpp"
#include "alvh/zmq/zmq_backend_server.hpp"

using namespace alvh;
using namespace std::chrono_literals;

namespace {

Instrument put5100() { return spxw_option(make_date(2024, 3, 19), 5100, OptionType::Put); }

SingleOrder sell_put(int quantity = 2) { return {put5100(), Side::Sell, quantity, 1.5, "t"}; }

// Behaviour chosen by the client order id's prefix.
class HostileBackend final : public alvh::wire::BackendHandler {
 public:
  alvh::wire::ZmqBackendServer* server = nullptr;
  int cancels = 0;

  alvh::wire::CommandVerdict on_submit_combo(const ClientOrderId&, const ComboOrder&) override { return alvh::wire::CommandVerdict::reject("no combos"); }
  alvh::wire::CommandVerdict on_submit_order(const ClientOrderId& id, const SingleOrder& o) override {
    const Timestamp t{};
    if (id.starts_with("working")) {  // accepted, then nothing until cancelled
      server->publish_order_event({id, OrderState::Accepted, 0, {}, t});
    } else if (id.starts_with("partial")) {  // one of two filled, the rest works until cancelled
      server->publish_order_event({id, OrderState::Accepted, 0, {}, t});
      server->publish_order_event({id, OrderState::PartiallyFilled, 1, {}, t});
      server->publish_fill({id, 1, 1.4, PriceEffect::Credit, {{o.instrument, Side::Sell, 1, 1.4}}, 0.65, t});
    } else if (id.starts_with("ghost")) {  // a fill for an order nobody sent, then the real one
      server->publish_fill({"never-sent", 3, 9.9, PriceEffect::Debit, {{o.instrument, Side::Buy, 3, 9.9}}, 0, t});
      fill_whole(id, o);
    } else if (id.starts_with("bogus")) {  // the fill's legs are not the order's
      server->publish_order_event({id, OrderState::Accepted, 0, {}, t});
      server->publish_order_event({id, OrderState::Filled, o.quantity, {}, t});
      server->publish_fill({id, o.quantity, 1.5, PriceEffect::Credit,
                            {{vix_option(make_date(2024, 4, 17), 99, OptionType::Call), Side::Buy, 77, 1.5}}, 0, t});
    } else if (id.starts_with("late-reject")) {  // acked, then rejected by the venue
      server->publish_order_event({id, OrderState::Accepted, 0, {}, t});
      server->publish_order_event({id, OrderState::Rejected, 0, "venue closed", t});
    } else {
      fill_whole(id, o);
    }
    return alvh::wire::CommandVerdict::accept();
  }
  alvh::wire::CommandVerdict on_cancel(const ClientOrderId& id) override {
    ++cancels;
    const int filled = id.starts_with("partial") ? 1 : 0;
    server->publish_order_event({id, OrderState::Cancelled, filled, "cancelled on request", Timestamp{}});
    return alvh::wire::CommandVerdict::accept();
  }
  alvh::wire::BackendSnapshot on_snapshot() override { return {}; }

 private:
  void fill_whole(const ClientOrderId& id, const SingleOrder& o) {
    server->publish_order_event({id, OrderState::Accepted, 0, {}, Timestamp{}});
    server->publish_order_event({id, OrderState::Filled, o.quantity, {}, Timestamp{}});
    server->publish_fill({id, o.quantity, 1.5, PriceEffect::Credit, {{o.instrument, Side::Sell, o.quantity, 1.5}}, 1.3, Timestamp{}});
  }
};

struct Fixture {
  zmq::context_t ctx;
  HostileBackend handler;
  std::unique_ptr<alvh::wire::ZmqBackendServer> server;
  std::atomic<bool> stop{false};
  std::thread loop;

  explicit Fixture(std::chrono::milliseconds session_timeout = 3000ms) {
    alvh::wire::ServerConfig c;
    c.session_timeout = session_timeout;
    c.account = "paper";
    c.source = "hostile";
    server = std::make_unique<alvh::wire::ZmqBackendServer>(ctx, c, handler);
    handler.server = server.get();
    loop = std::thread([this] {
      while (!stop) server->poll(5ms);
    });
  }
  ~Fixture() {
    stop = true;
    loop.join();
  }
  host::BrokerEndpoints endpoints() const {
    host::BrokerEndpoints ep;
    ep.command = server->command_endpoint();
    ep.event = server->event_endpoint();
    ep.account = "paper";
    ep.timeout = 3000ms;
    ep.working_timeout = 300ms;
    return ep;
  }
};

bool has_state(const host::OrderOutcome& out, OrderState s) {
  for (const auto& e : out.events)
    if (e.state == s) return true;
  return false;
}

}  // namespace

TEST_CASE("a backend that leaves an order working gets a cancel after the working timeout, and the order ends cancelled",
          "[host][hostile]") {
  Fixture f;
  host::BrokerLink link(f.endpoints());
  link.connect();
  const auto out = link.submit("working-1", sell_put());
  CHECK(out.cancel_sent);
  CHECK(out.ended);
  CHECK(out.fills.empty());
  CHECK(has_state(out, OrderState::Cancelled));
}

TEST_CASE("a partial fill followed by a cancel comes back as one fill of one unit and a cancelled order", "[host][hostile]") {
  Fixture f;
  host::BrokerLink link(f.endpoints());
  link.connect();
  const auto out = link.submit("partial-1", sell_put(2));
  REQUIRE(out.ended);
  CHECK(out.cancel_sent);
  REQUIRE(out.fills.size() == 1);
  CHECK(out.fills[0].quantity == 1);
  CHECK(has_state(out, OrderState::PartiallyFilled));
  CHECK(has_state(out, OrderState::Cancelled));
}

TEST_CASE("a fill for an order the host never sent is kept aside for the session to report, not dropped", "[host][hostile]") {
  Fixture f;
  host::BrokerLink link(f.endpoints());
  link.connect();
  const auto out = link.submit("ghost-1", sell_put());
  REQUIRE(out.fills.size() == 1);
  CHECK(out.fills[0].id == "ghost-1");
  const auto strays = link.take_unexpected_fills();
  REQUIRE(strays.size() == 1);
  CHECK(strays[0].id == "never-sent");
  CHECK(link.take_unexpected_fills().empty());
}

TEST_CASE("a fill whose legs are not the order's reaches the session as reported, for it to refuse", "[host][hostile]") {
  Fixture f;
  host::BrokerLink link(f.endpoints());
  link.connect();
  const auto out = link.submit("bogus-1", sell_put());
  REQUIRE(out.fills.size() == 1);
  REQUIRE(out.fills[0].legs.size() == 1);
  CHECK(out.fills[0].legs[0].instrument.root == "VIX");  // the session's leg check refuses this (HALTED + reconcile)
}

TEST_CASE("a rejection after the ack ends the order as rejected with the venue's reason", "[host][hostile]") {
  Fixture f;
  host::BrokerLink link(f.endpoints());
  link.connect();
  const auto out = link.submit("late-reject-1", sell_put());
  REQUIRE(out.ended);
  CHECK_FALSE(out.nack);
  REQUIRE(has_state(out, OrderState::Rejected));
  CHECK(out.events.back().reason == "venue closed");
}

TEST_CASE("a backend that dropped our session answers hello_required; the link says hello again and resends the same id",
          "[host][hostile]") {
  Fixture f(200ms);
  auto ep = f.endpoints();
  ep.heartbeat_interval = 60000ms;  // the client stays silent: the backend drops its session
  ep.heartbeat_timeout = 120000ms;
  host::BrokerLink link(ep);
  link.connect();
  // Waiting out the backend's session timeout is the point of this case: there is no event to poll for.
  std::this_thread::sleep_for(400ms);
  const auto out = link.submit("fine-1", sell_put());
  CHECK_FALSE(out.nack);
  REQUIRE(out.fills.size() == 1);
  CHECK(out.fills[0].id == "fine-1");
}
