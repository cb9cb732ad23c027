#include "alvh/zmq/envelope.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace alvh::wire;

namespace {
Envelope sample() {
  Envelope e;
  e.type = MessageType::SubmitCombo;
  e.id = "strat-1";
  e.correlation_id = "";
  e.source = "strat";
  e.seq = 7;
  e.event_time_ns = 1710442800000000000;
  e.send_time_ns = 1710442800000001000;
  e.payload = R"({"client_order_id":"ic-1"})";
  return e;
}
}  // namespace

TEST_CASE("an envelope survives encode and decode unchanged") {
  Envelope e = sample();
  auto d = decode_envelope(encode_envelope(e));
  REQUIRE(d.ok());
  CHECK(d.value().version == 1);
  CHECK(d.value().type == MessageType::SubmitCombo);
  CHECK(d.value().id == "strat-1");
  CHECK(d.value().source == "strat");
  CHECK(d.value().seq == 7);
  CHECK(d.value().event_time_ns == e.event_time_ns);
  CHECK(d.value().send_time_ns == e.send_time_ns);
  CHECK(d.value().payload == e.payload);
}

TEST_CASE("encoding an envelope whose payload is not a JSON object is a caller bug and throws") {
  Envelope e = sample();
  e.payload = "[1,2]";
  CHECK_THROWS_AS(encode_envelope(e), std::invalid_argument);
}

TEST_CASE("decoding reports each kind of bad message as a typed error and keeps the id when readable") {
  const std::string good =
      R"({"version":1,"type":"heartbeat","id":"m-9","source":"s","seq":1,"send_time":5,"payload":{}})";
  REQUIRE(decode_envelope(good).ok());

  struct Case {
    std::string text;
    RejectReason reason;
    std::string id;
  };
  std::vector<Case> cases = {
      {"not json at all", RejectReason::NotJson, ""},
      {"[1,2,3]", RejectReason::NotJson, ""},
      {R"({"version":1,"type":"heartbeat","id":"m-9","source":"s","send_time":5,"payload":{}})",
       RejectReason::MissingField, "m-9"},
      {R"({"version":1,"type":"heartbeat","id":"m-9","source":"s","seq":"one","send_time":5,"payload":{}})",
       RejectReason::WrongType, "m-9"},
      {R"({"version":1,"type":"heartbeat","id":"m-9","source":"s","seq":-1,"send_time":5,"payload":{}})",
       RejectReason::WrongType, "m-9"},
      {R"({"version":1,"type":"heartbeat","id":"m-9","source":"s","seq":1,"send_time":5,"payload":"{}"})",
       RejectReason::WrongType, "m-9"},
      {R"({"version":1,"type":"teleport","id":"m-9","source":"s","seq":1,"send_time":5,"payload":{}})",
       RejectReason::UnknownType, "m-9"},
      {R"({"version":2,"type":"heartbeat","id":"m-9","source":"s","seq":1,"send_time":5,"payload":{}})",
       RejectReason::WrongVersion, "m-9"},
      {R"({"version":"1","type":"heartbeat","id":"m-9","source":"s","seq":1,"send_time":5,"payload":{}})",
       RejectReason::WrongType, "m-9"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto d = decode_envelope(c.text);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().reason == c.reason);
    CHECK(d.error().message_id == c.id);
    CHECK_FALSE(d.error().detail.empty());
  }
}

TEST_CASE("a message over the size limit is refused before it is parsed") {
  std::string big(2000, ' ');
  auto d = decode_envelope(big, 1000);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().reason == RejectReason::Oversized);
}

TEST_CASE("message types and reject reasons have stable wire names") {
  CHECK(to_string(MessageType::SnapshotRequest) == "snapshot_request");
  CHECK(parse_message_type("order_event") == MessageType::OrderEvent);
  CHECK_FALSE(parse_message_type("Order_Event").has_value());
  CHECK(to_string(RejectReason::HelloRequired) == "hello_required");
  CHECK(parse_reject_reason("auth_denied") == RejectReason::AuthDenied);
  CHECK(is_command(MessageType::Cancel));
  CHECK_FALSE(is_command(MessageType::Fill));
}
