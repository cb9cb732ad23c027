#include "alvh/zmq/zmq_backend_server.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "alvh/zmq/json_codec.hpp"
#include "zmq_test_support.hpp"

using namespace alvh;
using namespace alvh::wire;
using namespace alvh::wire::test;

namespace {

std::vector<ClientEvent> open_session(ZmqBackendServer& server, ZmqExecutionClient& client) {
  REQUIRE(client.hello());
  auto events = pump(server, client, [](const auto& ev) { return has<SnapshotReceived>(ev); });
  REQUIRE(client.state() == LinkState::Up);
  return events;
}

nlohmann::json envelope_json(const std::string& type, const std::string& id, nlohmann::json payload) {
  return {{"version", 1}, {"type", type},  {"id", id},          {"source", "raw"},
          {"seq", 1},     {"send_time", 1}, {"event_time", 1}, {"payload", std::move(payload)}};
}

Nack nack_of(const Envelope& e) {
  REQUIRE(e.type == MessageType::Nack);
  auto n = from_json_text<Nack>(e.payload);
  REQUIRE(n.ok());
  return n.value();
}

}  // namespace

TEST_CASE("a combo submitted by the client is acknowledged and its fill comes back on the exec topic") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  ZmqBackendServer server(ctx, server_config(clock), handler);
  CHECK(server.command_endpoint().rfind("tcp://127.0.0.1:", 0) == 0);
  ZmqExecutionClient client(ctx, client_config(server, clock));
  auto opened = open_session(server, client);
  REQUIRE(events_of<SessionEstablished>(opened).size() == 1);
  CHECK(events_of<SessionEstablished>(opened)[0].hello.mode == BackendMode::Paper);
  CHECK(events_of<SessionEstablished>(opened)[0].hello.account == "DU123");

  auto id = client.submit_combo("ic-1", iron_condor());
  REQUIRE(id);
  auto acked = pump(server, client, [](const auto& ev) { return has<CommandAck>(ev); });
  auto acks = events_of<CommandAck>(acked);
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].correlation_id == *id);
  CHECK(acks[0].command == MessageType::SubmitCombo);
  CHECK(acks[0].client_order_id == "ic-1");
  CHECK_FALSE(acks[0].duplicate);
  CHECK(handler.combos == std::vector<ClientOrderId>{"ic-1"});

  Timestamp t{std::chrono::seconds{1710442800}};
  CHECK(server.publish_order_event({"ic-1", OrderState::Accepted, 0, "", t}) == 1);
  Fill f{"ic-1", 2, 3.45, PriceEffect::Credit, {}, 5.2, t};
  for (const auto& l : iron_condor().legs) f.legs.push_back({l.instrument, l.side, 2, 1.0});
  CHECK(server.publish_fill(f) == 2);
  auto got = pump(server, client, [](const auto& ev) { return has<Fill>(ev); });
  auto states = events_of<OrderEvent>(got);
  REQUIRE(states.size() == 1);
  CHECK(states[0].state == OrderState::Accepted);
  auto fills = events_of<Fill>(got);
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].net_price == 3.45);
  CHECK(fills[0].legs.size() == 4);
  CHECK(client.last_sequence("exec.DU123") == 2);
  CHECK(server.rejections().total() == 0);
}

TEST_CASE("a duplicate client order id gets the original answer and is never executed twice") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  handler.reject_id = "ic-risk";
  ZmqBackendServer server(ctx, server_config(clock), handler);
  ZmqExecutionClient client(ctx, client_config(server, clock));
  open_session(server, client);

  REQUIRE(client.submit_combo("ic-7", iron_condor()));
  REQUIRE(client.submit_combo("ic-7", iron_condor()));
  REQUIRE(client.submit_combo("ic-risk", iron_condor()));
  REQUIRE(client.submit_combo("ic-risk", iron_condor()));
  auto got = pump(server, client, [](const auto& ev) {
    return events_of<CommandAck>(ev).size() + events_of<CommandNack>(ev).size() >= 4;
  });
  auto acks = events_of<CommandAck>(got);
  auto nacks = events_of<CommandNack>(got);
  REQUIRE(acks.size() == 2);
  CHECK_FALSE(acks[0].duplicate);
  CHECK(acks[1].duplicate);
  CHECK(acks[1].client_order_id == "ic-7");
  REQUIRE(nacks.size() == 2);
  CHECK(nacks[0].nack.code == "rejected");
  CHECK(nacks[0].nack.message == "max open condors reached");
  CHECK_FALSE(nacks[0].nack.duplicate);
  CHECK(nacks[1].nack.duplicate);
  CHECK(nacks[1].nack.message == "max open condors reached");
  CHECK(handler.combos == std::vector<ClientOrderId>{"ic-7", "ic-risk"});
  CHECK(server.duplicates() == 2);
  CHECK(server.rejections().count(RejectReason::Rejected) == 1);
}

TEST_CASE("each kind of bad command gets a nack with its reason and is counted, and the server keeps serving") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  ServerConfig cfg = server_config(clock);
  cfg.max_message_bytes = 8 * 1024;
  ZmqBackendServer server(ctx, cfg, handler);
  RawPeer peer(ctx, server.command_endpoint());

  auto hello = envelope_json("hello", "h-1", {{"account", "DU123"}, {"versions", {1}}});
  peer.send(hello.dump());
  auto ack = peer.reply(server);
  REQUIRE(ack);
  REQUIRE(ack->type == MessageType::Ack);
  CHECK(ack->correlation_id == "h-1");

  nlohmann::json combo_payload = {{"client_order_id", "ic-1"},
                                  {"order", nlohmann::json::parse(to_json_text(iron_condor()))}};
  auto wrong_qty = combo_payload;
  wrong_qty["order"]["quantity"] = "ten";
  auto zero_qty = combo_payload;
  zero_qty["order"]["quantity"] = 0;
  auto no_order = combo_payload;
  no_order.erase("order");

  struct Case {
    std::string name, bytes, correlation;
    RejectReason reason;
  };
  std::vector<Case> cases = {
      {"not JSON", "{{{ not json", "", RejectReason::NotJson},
      {"missing envelope field", [] { auto j = envelope_json("heartbeat", "m-1", nlohmann::json::object()); j.erase("seq"); return j.dump(); }(), "m-1", RejectReason::MissingField},
      {"wrong envelope type", [] { auto j = envelope_json("heartbeat", "m-2", nlohmann::json::object()); j["send_time"] = "now"; return j.dump(); }(), "m-2", RejectReason::WrongType},
      {"oversized", [] { auto j = envelope_json("heartbeat", "m-3", {{"pad", std::string(20000, 'x')}}); return j.dump(); }(), "", RejectReason::Oversized},
      {"unknown type", envelope_json("teleport", "m-4", nlohmann::json::object()).dump(), "m-4", RejectReason::UnknownType},
      {"not a command", envelope_json("fill", "m-5", nlohmann::json::object()).dump(), "m-5", RejectReason::UnknownType},
      {"wrong version", [] { auto j = envelope_json("heartbeat", "m-6", nlohmann::json::object()); j["version"] = 2; return j.dump(); }(), "m-6", RejectReason::WrongVersion},
      {"payload wrong type", envelope_json("submit_combo", "m-7", wrong_qty).dump(), "m-7", RejectReason::WrongType},
      {"payload missing field", envelope_json("submit_combo", "m-8", no_order).dump(), "m-8", RejectReason::MissingField},
      {"invalid order", envelope_json("submit_combo", "m-9", zero_qty).dump(), "m-9", RejectReason::InvalidPayload},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    peer.send(c.bytes);
    auto r = peer.reply(server);
    REQUIRE(r);
    CHECK(r->correlation_id == c.correlation);
    CHECK(nack_of(*r).code == to_string(c.reason));
    CHECK(server.rejections().count(c.reason) >= 1);
  }
  CHECK(server.rejections().count(RejectReason::UnknownType) == 2);
  CHECK(server.rejections().total() == cases.size());
  CHECK(handler.combos.empty());

  SECTION("a multipart command with an extra frame is refused as bad_frames") {
    peer.socket.send(zmq::str_buffer("x"), zmq::send_flags::sndmore);
    peer.send(envelope_json("heartbeat", "m-10", nlohmann::json::object()).dump());
    auto r = peer.reply(server);
    REQUIRE(r);
    CHECK(nack_of(*r).code == "bad_frames");
    CHECK(server.rejections().count(RejectReason::BadFrames) == 1);
  }
  SECTION("after all that a valid submit is still accepted") {
    peer.send(envelope_json("submit_combo", "m-11", combo_payload).dump());
    auto r = peer.reply(server);
    REQUIRE(r);
    CHECK(r->type == MessageType::Ack);
    CHECK(handler.combos == std::vector<ClientOrderId>{"ic-1"});
  }
}

TEST_CASE("commands without a session, another account or no common version are refused") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  ZmqBackendServer server(ctx, server_config(clock), handler);
  RawPeer peer(ctx, server.command_endpoint());

  peer.send(envelope_json("heartbeat", "m-1", nlohmann::json::object()).dump());
  auto r = peer.reply(server);
  REQUIRE(r);
  CHECK(nack_of(*r).code == "hello_required");

  peer.send(envelope_json("hello", "m-2", {{"account", "U999"}, {"versions", {1}}}).dump());
  r = peer.reply(server);
  REQUIRE(r);
  CHECK(nack_of(*r).code == "wrong_account");

  peer.send(envelope_json("hello", "m-3", {{"account", "DU123"}, {"versions", {2, 3}}}).dump());
  r = peer.reply(server);
  REQUIRE(r);
  CHECK(nack_of(*r).code == "unsupported_version");
  CHECK(server.session_count() == 0);
}

TEST_CASE("a throwing handler yields a handler_error nack and the id stays free for a retry") {
  zmq::context_t ctx;
  FakeClock clock;
  RecordingHandler handler;
  handler.throw_on_submit = true;
  ZmqBackendServer server(ctx, server_config(clock), handler);
  ZmqExecutionClient client(ctx, client_config(server, clock));
  open_session(server, client);
  REQUIRE(client.submit_combo("ic-1", iron_condor()));
  auto got = pump(server, client, [](const auto& ev) { return has<CommandNack>(ev); });
  REQUIRE(events_of<CommandNack>(got).size() == 1);
  CHECK(events_of<CommandNack>(got)[0].nack.code == "handler_error");
  handler.throw_on_submit = false;
  REQUIRE(client.submit_combo("ic-1", iron_condor()));
  got = pump(server, client, [](const auto& ev) { return has<CommandAck>(ev); });
  REQUIRE(events_of<CommandAck>(got).size() == 1);
  CHECK_FALSE(events_of<CommandAck>(got)[0].duplicate);
}
