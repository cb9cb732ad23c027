// What alvh-feed puts on the wire: v1 envelopes on md.day numbered 1, 2, ... then end_of_data,
// heartbeats announcing the last sequence number, and snapshot replies on the ROUTER.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "alvh/zmq/md_message.hpp"
#include "../../support/feed_test_support.hpp"

using namespace alvh;
using namespace alvh::wire;
using nlohmann::json;

namespace {

struct Received {
  std::string topic;
  MdMessage message;
};

std::vector<Received> receive_all(zmq::socket_t& sub, FeedPublisher& feed, std::size_t want) {
  std::vector<Received> out;
  for (int turn = 0; turn < 400 && out.size() < want; ++turn) {
    feed.poll(std::chrono::milliseconds(5));
    zmq::message_t topic, body;
    while (sub.recv(topic, zmq::recv_flags::dontwait)) {
      REQUIRE(topic.more());
      REQUIRE(sub.recv(body, zmq::recv_flags::none));
      auto m = decode_md_message(body.to_string_view());
      INFO(body.to_string());
      REQUIRE(m.ok());
      out.push_back({topic.to_string(), m.value()});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a market_day payload survives the round trip with every value bit for bit") {
  const auto days = test::synthetic_days(1);
  FeedDay day = days.front();
  day.row.vx = VxCurveRow{};
  day.row.vx->date = day.row.date;
  day.row.vx->settle[0] = 15.123456789012345;
  day.row.vx->expiry[0] = make_date(2024, 3, 20);
  day.row.vx->days_to_expiry[0] = 16;
  day.row.breadth = BreadthRow{day.row.date, 1200.0, 800.0, 400.0, 12345.0, std::nullopt};
  day.signal_columns = {"vix_close", "missing"};
  const std::string text = market_day_to_json(day);
  CAPTURE(text);
  auto back = market_day_from_json(text);
  REQUIRE(back.ok());
  const FeedDay& b = back.value();
  CHECK(b.row.date == day.row.date);
  CHECK(b.row.spx.close == day.row.spx.close);
  CHECK(b.row.vix.close == day.row.vix.close);
  CHECK(b.row.vol.close == day.row.vol.close);
  REQUIRE(b.row.vx);
  CHECK(b.row.vx->settle == day.row.vx->settle);
  CHECK(b.row.vx->expiry == day.row.vx->expiry);
  CHECK(b.row.vx->days_to_expiry == day.row.vx->days_to_expiry);
  REQUIRE(b.row.breadth);
  CHECK(b.row.breadth->mcclellan == std::nullopt);
  CHECK(b.row.breadth->ad_cum == day.row.breadth->ad_cum);
  REQUIRE(b.signals);
  CHECK(b.signals->values == day.signals->values);
  CHECK(b.signals->time == day.signals->time);
  CHECK(b.signal_columns == day.signal_columns);  // the table's order, not the JSON object's
}

TEST_CASE("the feed publishes v1 envelopes on md.day numbered from 1, then end_of_data, and heartbeats with the last seq") {
  zmq::context_t ctx;
  FeedSettings s;
  s.pub_endpoint = "inproc://feed-wire-pub";
  s.snapshot_endpoint = "inproc://feed-wire-snap";
  s.heartbeat_interval = std::chrono::milliseconds(1);
  const auto days = test::synthetic_days(5);
  // Subscribed and connected before the feed binds: inproc hands a waiting subscription to the
  // PUB as it binds, so nothing the feed publishes can miss it (no slow-joiner sleep).
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  sub.set(zmq::sockopt::subscribe, "");
  sub.connect(s.pub_endpoint);
  FeedPublisher feed(ctx, s, days);

  const auto got = receive_all(sub, feed, 8);
  std::vector<Received> md, status;
  for (const auto& r : got) (r.topic == "md.day" ? md : status).push_back(r);
  REQUIRE(md.size() == 6);
  for (std::size_t i = 0; i < md.size(); ++i) {
    CAPTURE(i, md[i].message.type, md[i].message.seq);
    CHECK(md[i].message.version == 1);
    CHECK(md[i].message.seq == i + 1);
    CHECK(md[i].message.source == "feed");
    CHECK(md[i].message.send_time_ns > 0);
    CHECK(md[i].message.type == (i < 5 ? "market_day" : "end_of_data"));
    if (i < 5) {
      auto day = market_day_from_json(md[i].message.payload);
      REQUIRE(day.ok());
      CHECK(day.value().row.date == days[i].row.date);
    }
  }
  CHECK(feed.finished());
  REQUIRE_FALSE(status.empty());
  for (std::size_t i = 0; i < status.size(); ++i) {
    CHECK(status[i].message.type == "heartbeat");
    CHECK(status[i].message.seq == i + 1);  // the status stream has its own numbering
  }
  const json hb = json::parse(status.back().message.payload);
  CHECK(hb["sequences"]["md.day"] == 6);
  CHECK(hb["mode"] == "replay");
}

TEST_CASE("a snapshot_request is answered with the published messages from from_seq and a bad command with a nack") {
  zmq::context_t ctx;
  FeedSettings s;
  s.pub_endpoint = "inproc://feed-snap-pub";
  s.snapshot_endpoint = "inproc://feed-snap-snap";
  s.max_snapshot_messages = 2;
  FeedPublisher feed(ctx, s, test::synthetic_days(4));
  feed.poll(std::chrono::milliseconds(0));  // publishes everything (no subscriber: all lost)
  zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
  dealer.connect(feed.snapshot_endpoint());
  const auto ask = [&](const std::string& text) {
    (void)dealer.send(zmq::buffer(text), zmq::send_flags::none);
    zmq::message_t reply;
    for (int i = 0; i < 200; ++i) {
      feed.poll(std::chrono::milliseconds(5));
      if (dealer.recv(reply, zmq::recv_flags::dontwait)) break;
    }
    auto m = decode_md_message(reply.to_string_view());
    INFO(reply.to_string());
    REQUIRE(m.ok());
    return m.value();
  };
  MdMessage req;
  req.type = "snapshot_request";
  req.id = "t-1";
  req.source = "t";
  req.payload = R"({"topic":"md.day","from_seq":2})";
  const MdMessage ack = ask(encode_md_message(req));
  CHECK(ack.type == "ack");
  CHECK(ack.correlation_id == "t-1");
  const json p = json::parse(ack.payload);
  CAPTURE(ack.payload.substr(0, 300));
  CHECK(p["last_seq"] == 5);
  REQUIRE(p["messages"].size() == 2);  // capped: the client asks again for the rest
  CHECK(p["messages"][0]["seq"] == 2);
  CHECK(p["messages"][1]["seq"] == 3);

  const MdMessage bad = ask("not json at all");
  CHECK(bad.type == "nack");
  CHECK(json::parse(bad.payload)["code"] == "not_json");
  req.id = "t-2";
  req.payload = R"({"topic":"chain.SPXW"})";
  const MdMessage wrong_topic = ask(encode_md_message(req));
  CHECK(wrong_topic.type == "nack");
  CHECK(json::parse(wrong_topic.payload)["code"] == "invalid_payload");
  CHECK(feed.rejections().at("not_json") == 1);
}
