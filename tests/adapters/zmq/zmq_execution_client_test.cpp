#include "alvh/zmq/zmq_execution_client.hpp"

#include <catch2/catch.hpp>
#include <zmq_addon.hpp>

#include "alvh/zmq/json_codec.hpp"
#include "alvh/zmq/topics.hpp"
#include "zmq_test_support.hpp"

using Catch::Matchers::Contains;

using namespace alvh;
using namespace alvh::wire;
using namespace alvh::wire::test;

namespace {

// A hand-driven backend (bare ROUTER + PUB) so a test can publish exactly the sequence numbers it
// wants, including holes, and watch the client's commands arrive.
struct ScriptedBackend {
  zmq::socket_t router, pub;
  std::string identity;
  std::uint64_t next_id = 0;
  ScriptedBackend(zmq::context_t& ctx)
      : router(ctx, zmq::socket_type::router), pub(ctx, zmq::socket_type::pub) {
    for (auto* s : {&router, &pub}) {
      s->set(zmq::sockopt::linger, 0);
      s->bind("tcp://127.0.0.1:*");
    }
  }
  std::string endpoint(zmq::socket_t& s) { return s.get(zmq::sockopt::last_endpoint); }

  std::optional<Envelope> next_command(ZmqExecutionClient& client, std::vector<ClientEvent>& events) {
    auto deadline = std::chrono::steady_clock::now() + 1000ms;
    while (std::chrono::steady_clock::now() < deadline) {
      std::vector<zmq::message_t> frames;
      if (zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
        identity = std::string(frames[0].to_string_view());
        auto e = decode_envelope(frames[1].to_string_view());
        if (e && e.value().type != MessageType::Heartbeat) return e.value();
        continue;
      }
      for (auto& ev : client.poll(1ms)) events.push_back(std::move(ev));
    }
    return std::nullopt;
  }
  void reply(const Envelope& to, const std::string& payload) {
    Envelope e;
    e.type = MessageType::Ack;
    e.id = "b-" + std::to_string(++next_id);
    e.correlation_id = to.id;
    e.source = "scripted";
    e.payload = payload;
    router.send(zmq::buffer(identity), zmq::send_flags::sndmore);
    router.send(zmq::buffer(encode_envelope(e)), zmq::send_flags::none);
  }
  void publish(const std::string& topic, std::uint64_t seq, const std::string& client_order_id) {
    Envelope e;
    e.type = MessageType::OrderEvent;
    e.id = "b-" + std::to_string(++next_id);
    e.source = "scripted";
    e.seq = seq;
    e.payload = to_json_text(OrderEvent{client_order_id, OrderState::Accepted, 0, "", Timestamp{}});
    pub.send(zmq::buffer(topic), zmq::send_flags::sndmore);
    pub.send(zmq::buffer(encode_envelope(e)), zmq::send_flags::none);
  }
};

std::vector<std::string> order_ids(const std::vector<ClientEvent>& events) {
  std::vector<std::string> ids;
  for (const auto& e : events_of<OrderEvent>(events)) ids.push_back(e.id);
  return ids;
}

void poll_until(ZmqExecutionClient& client, std::vector<ClientEvent>& events,
                const std::function<bool(const std::vector<ClientEvent>&)>& done) {
  auto deadline = std::chrono::steady_clock::now() + 1000ms;
  while (!done(events) && std::chrono::steady_clock::now() < deadline)
    for (auto& ev : client.poll(1ms)) events.push_back(std::move(ev));
}

}  // namespace

TEST_CASE("a sequence gap on the exec stream triggers a snapshot and the stream resumes after it") {
  zmq::context_t ctx;
  FakeClock clock;
  ScriptedBackend backend(ctx);
  ClientConfig cfg;
  cfg.command_endpoint = backend.endpoint(backend.router);
  cfg.event_endpoint = backend.endpoint(backend.pub);
  cfg.account = "DU123";
  cfg.now = clock.fn();
  ZmqExecutionClient client(ctx, cfg);
  std::vector<ClientEvent> events;

  REQUIRE(client.hello());
  auto hello = backend.next_command(client, events);
  REQUIRE(hello);
  REQUIRE(hello->type == MessageType::Hello);
  backend.reply(*hello, to_json_text(HelloAck{1, "DU123", BackendMode::Paper, "s-1", 1000}));
  auto snap_req = backend.next_command(client, events);
  REQUIRE(snap_req);
  REQUIRE(snap_req->type == MessageType::SnapshotRequest);
  BackendSnapshot empty;
  backend.reply(*snap_req, to_json_text(empty));
  poll_until(client, events, [](const auto& ev) { return has<SnapshotReceived>(ev); });
  REQUIRE(client.state() == LinkState::Up);

  // Seq 1 is repeated until the subscription has propagated (PUB drops before that); repeats of an
  // already-seen sequence number are discarded by the client.
  const std::string topic = exec_topic("DU123");
  auto deadline = std::chrono::steady_clock::now() + 1000ms;
  while (order_ids(events).empty() && std::chrono::steady_clock::now() < deadline) {
    backend.publish(topic, 1, "o-1");
    for (auto& ev : client.poll(5ms)) events.push_back(std::move(ev));
  }
  REQUIRE(order_ids(events) == std::vector<std::string>{"o-1"});

  backend.publish(topic, 2, "o-2");
  backend.publish(topic, 4, "o-4");  // seq 3 lost
  auto req = backend.next_command(client, events);
  REQUIRE(req);
  CHECK(req->type == MessageType::SnapshotRequest);
  auto gaps = events_of<SequenceGap>(events);
  REQUIRE(gaps.size() == 1);
  CHECK(gaps[0].topic == topic);
  CHECK(gaps[0].expected == 3);
  CHECK(gaps[0].received == 4);
  CHECK(client.gaps_detected() == 1);

  // Newer events arriving during recovery wait for the snapshot; those it covers are dropped.
  backend.publish(topic, 5, "o-5");
  for (auto& ev : client.poll(20ms)) events.push_back(std::move(ev));
  CHECK(order_ids(events) == std::vector<std::string>{"o-1", "o-2"});
  BackendSnapshot snap;
  snap.account = "DU123";
  snap.sequences = {{topic, 4}};
  backend.reply(*req, to_json_text(snap));
  poll_until(client, events, [](const auto& ev) { return order_ids(ev).size() >= 3; });
  CHECK(order_ids(events) == std::vector<std::string>{"o-1", "o-2", "o-5"});
  CHECK(events_of<SnapshotReceived>(events).size() == 2);
  CHECK(client.last_sequence(topic) == 5);
}

TEST_CASE("a silent backend is detected by heartbeat timeout and the session is re-opened when it answers") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  ZmqBackendServer server(ctx, server_config(clock), handler);
  ZmqExecutionClient client(ctx, client_config(server, clock));
  REQUIRE(client.hello());
  pump(server, client, [](const auto& ev) { return has<SnapshotReceived>(ev); });
  REQUIRE(client.state() == LinkState::Up);

  // The backend does not run for 5 s of (fake) time: past the client's 3 s heartbeat timeout.
  clock.advance(5s);
  auto lost = client.poll(0ms);
  auto losses = events_of<LinkLost>(lost);
  REQUIRE(losses.size() == 1);
  CHECK(losses[0].silence >= 5s);
  CHECK(client.state() == LinkState::Lost);
  CHECK_FALSE(client.submit_combo("ic-1", iron_condor()));  // no orders into a dead link

  // The backend answers again: the client re-opens the session and resynchronises by snapshot.
  auto back = pump(server, client, [](const auto& ev) { return has<SnapshotReceived>(ev); });
  CHECK(has<LinkRestored>(back));
  CHECK(has<SessionEstablished>(back));
  CHECK(client.state() == LinkState::Up);
  CHECK(server.session_count() == 1);
}

TEST_CASE("the backend drops a client session that stops heartbeating and asks it for hello again") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  ZmqBackendServer server(ctx, server_config(clock), handler);
  RawPeer peer(ctx, server.command_endpoint());
  auto envelope = [](MessageType type, const std::string& id, const std::string& payload) {
    Envelope e;
    e.type = type;
    e.id = id;
    e.source = "raw";
    e.payload = payload;
    return encode_envelope(e);
  };
  peer.send(envelope(MessageType::Hello, "h-1", to_json_text(Hello{"DU123", {1}, 1000})));
  auto ack = peer.reply(server);
  REQUIRE(ack);
  CHECK(ack->type == MessageType::Ack);
  CHECK(server.session_count() == 1);

  clock.advance(2s);
  server.poll(0ms);
  CHECK(server.session_count() == 1);  // within the 3 s session timeout
  clock.advance(2s);
  server.poll(0ms);
  CHECK(server.session_count() == 0);
  CHECK(handler.sessions_lost == std::vector<std::string>{"raw"});

  peer.send(envelope(MessageType::Heartbeat, "hb-1", "{}"));
  auto r = peer.reply(server);
  REQUIRE(r);
  CHECK(r->type == MessageType::Nack);
  CHECK_THAT(r->payload, Contains("hello_required"));
}

TEST_CASE("the backend publishes heartbeats on the status topic at its interval") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  ZmqBackendServer server(ctx, server_config(clock), handler);
  CHECK(server.last_sequence(kStatusTopic) == 0);
  server.poll(0ms);
  CHECK(server.last_sequence(kStatusTopic) == 0);
  clock.advance(1s);
  server.poll(0ms);
  CHECK(server.last_sequence(kStatusTopic) == 1);
  clock.advance(500ms);
  server.poll(0ms);
  CHECK(server.last_sequence(kStatusTopic) == 1);
}

TEST_CASE("a client that expects paper trading refuses a backend that declares live") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  ServerConfig scfg = server_config(clock);
  scfg.mode = BackendMode::Live;
  ZmqBackendServer server(ctx, scfg, handler);
  ClientConfig ccfg = client_config(server, clock);
  ccfg.expected_mode = BackendMode::Paper;
  ZmqExecutionClient client(ctx, ccfg);
  REQUIRE(client.hello());
  auto got = pump(server, client, [](const auto& ev) { return has<SessionRefused>(ev); });
  REQUIRE(events_of<SessionRefused>(got).size() == 1);
  CHECK(client.state() == LinkState::Refused);
  CHECK_FALSE(client.submit_combo("ic-1", iron_condor()));
}
