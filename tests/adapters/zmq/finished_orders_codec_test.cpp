// The snapshot's optional finished_orders (docs/protocol.md section 4): a backend's record of the
// orders that ended, which a restarted host adopts instead of re-sending its in-flight order.
#include <catch2/catch.hpp>

#include "alvh/zmq/json_codec.hpp"
#include "zmq_test_support.hpp"

using Catch::Matchers::Contains;

using namespace alvh;
using namespace alvh::wire;
using alvh::wire::test::iron_condor;

namespace {

Fill condor_fill(const ClientOrderId& id) {
  Fill f;
  f.id = id;
  f.quantity = 2;
  f.net_price = 1.95;
  f.effect = PriceEffect::Credit;
  f.commission = 5.2;
  f.time = Timestamp{std::chrono::seconds{1704296700}};
  for (const ComboLeg& l : iron_condor().legs) f.legs.push_back({l.instrument, l.side, 2, l.side == Side::Sell ? 1.5 : 0.5, 1.3});
  return f;
}

}  // namespace

TEST_CASE("a snapshot's finished orders round-trip through JSON with their terminal event and fills") {
  BackendSnapshot s;
  s.account = "paper";
  s.sequences = {{"exec.paper", 9}};
  s.finished_orders.emplace();
  s.finished_orders->push_back({OrderEvent{"paper/ic:2024-01-04/1", OrderState::Filled, 2, "", Timestamp{std::chrono::seconds{1704296700}}},
                                {condor_fill("paper/ic:2024-01-04/1")}});
  s.finished_orders->push_back({OrderEvent{"paper/ladder:front/1", OrderState::Rejected, 0, "no buying power", {}}, {}});
  const std::string text = to_json_text(s);
  INFO(text);
  CHECK_THAT(text, Contains("\"finished_orders\""));
  const auto back = from_json_text<BackendSnapshot>(text);
  REQUIRE(back.ok());
  REQUIRE(back.value().finished_orders);
  const auto& f = *back.value().finished_orders;
  REQUIRE(f.size() == 2);
  CHECK(f[0].event.id == "paper/ic:2024-01-04/1");
  CHECK(f[0].event.state == OrderState::Filled);
  CHECK(f[0].event.filled_quantity == 2);
  REQUIRE(f[0].fills.size() == 1);
  CHECK(f[0].fills[0].net_price == 1.95);
  CHECK(f[0].fills[0].legs.size() == 4);
  CHECK(f[0].fills[0].legs[1].commission == 1.3);
  CHECK(f[1].event.state == OrderState::Rejected);
  CHECK(f[1].event.reason == "no buying power");
  CHECK(f[1].fills.empty());
}

TEST_CASE("a snapshot without finished_orders decodes as a backend that keeps no such record") {
  const auto none = from_json_text<BackendSnapshot>(R"({"account":"paper","positions":[],"open_orders":[],"sequences":{}})");
  REQUIRE(none.ok());
  CHECK_FALSE(none.value().finished_orders.has_value());
  CHECK_THAT(to_json_text(none.value()), !Contains("finished_orders"));
  const auto empty = from_json_text<BackendSnapshot>(R"({"account":"paper","positions":[],"open_orders":[],"sequences":{},"finished_orders":[]})");
  REQUIRE(empty.ok());
  REQUIRE(empty.value().finished_orders.has_value());
  CHECK(empty.value().finished_orders->empty());
}

TEST_CASE("a malformed finished order is refused naming the field") {
  const std::string base = R"({"account":"paper","positions":[],"open_orders":[],"sequences":{},"finished_orders":)";
  const auto not_array = from_json_text<BackendSnapshot>(base + R"({}})");
  REQUIRE_FALSE(not_array.ok());
  CHECK(not_array.error().reason == RejectReason::WrongType);
  CHECK_THAT(not_array.error().detail, Contains("finished_orders"));
  const auto no_fills = from_json_text<BackendSnapshot>(
      base + R"([{"client_order_id":"a","state":"filled","filled_quantity":1,"reason":"","time":0}]})");
  REQUIRE_FALSE(no_fills.ok());
  CHECK(no_fills.error().reason == RejectReason::MissingField);
  CHECK_THAT(no_fills.error().detail, Contains("fills"));
  const auto bad_state = from_json_text<BackendSnapshot>(
      base + R"([{"client_order_id":"a","state":"done","filled_quantity":1,"reason":"","time":0,"fills":[]}]})");
  REQUIRE_FALSE(bad_state.ok());
  CHECK(bad_state.error().reason == RejectReason::WrongType);
  CHECK_THAT(bad_state.error().detail, Contains("state"));
}
