// Malformed market data is counted and skipped: the subscriber neither throws nor delivers it, and a
// day whose live copy was broken is fetched again from the feed's record.
#include <catch2/catch.hpp>

#include <zmq.hpp>

#include "alvh/zmq/md_message.hpp"
#include "alvh/zmq/md_subscriber.hpp"
#include "../../support/feed_test_support.hpp"

using namespace alvh;
using namespace alvh::wire;

TEST_CASE("malformed market-data messages are counted and skipped, never crash, and the valid ones still arrive in order") {
  zmq::context_t ctx;
  const auto days = test::synthetic_days(3);
  // The real feed serves the start-up snapshot; it is so slow that it only ever publishes day 1.
  FeedSettings s;
  s.pub_endpoint = "inproc://bad-feed-pub";
  s.snapshot_endpoint = "inproc://bad-feed-snap";
  s.speed = 0.001;
  s.heartbeat_interval = std::chrono::hours(1);
  FeedPublisher feed(ctx, s, days);
  feed.poll(std::chrono::milliseconds(0));  // day 1 is out before anyone asks
  // What the subscriber listens to: a hostile publisher under the test's control.
  // The subscriber connects before that publisher binds: inproc hands its waiting subscription to
  // the PUB as it binds, so every message below reaches it (no slow-joiner sleep).
  std::vector<std::string> reports;
  MdSubscriber sub(ctx, {"inproc://bad-pub", feed.snapshot_endpoint(), std::chrono::milliseconds(3000), "t", {}, std::nullopt},
                   [&](const std::string& m) { reports.push_back(m); });
  zmq::socket_t pub(ctx, zmq::socket_type::pub);
  pub.bind("inproc://bad-pub");

  const auto send = [&](const std::string& topic, const std::string& body) {
    (void)pub.send(zmq::buffer(topic), zmq::send_flags::sndmore);
    (void)pub.send(zmq::buffer(body), zmq::send_flags::none);
  };
  const auto message = [&](std::uint64_t seq, const std::string& type, const std::string& payload) {
    MdMessage m;
    m.type = type;
    m.id = "bad-" + std::to_string(seq) + type;
    m.source = "bad";
    m.seq = seq;
    m.send_time_ns = 1;
    m.payload = payload;
    return encode_md_message(m);
  };
  send("md.day", "not json");                                                                     // not_json
  (void)pub.send(zmq::buffer(std::string("md.day")), zmq::send_flags::none);                 // one frame only
  (void)pub.send(zmq::buffer(std::string("md.day")), zmq::send_flags::sndmore);              // three frames
  (void)pub.send(zmq::buffer(std::string("{}")), zmq::send_flags::sndmore);
  (void)pub.send(zmq::buffer(std::string("{}")), zmq::send_flags::none);
  send("md.day", R"({"version":2,"type":"market_day","id":"x","source":"b","seq":2,"send_time":1,"payload":{}})");   // wrong_version
  send("md.day", R"({"version":1,"type":"gossip","id":"x","source":"b","seq":2,"send_time":1,"payload":{}})");       // unknown_type
  send("md.day", R"({"version":1,"type":"market_day","id":"x","source":"b","seq":"2","send_time":1,"payload":{}})");  // wrong_type
  send("md.day", message(2, "market_day", R"({"row":{"date":"2024-13-01"}})"));                  // bad payload
  send("md.day", message(2, "market_day", R"({"row":{"date":"2024-03-05","spx":[]}})"));         // bad payload
  send("md.day", message(2, "market_day", market_day_to_json(days[1])));
  send("md.day", message(2, "market_day", market_day_to_json(days[1])));                         // duplicate
  send("md.day", message(3, "market_day", market_day_to_json(days[2])));
  send("md.day", message(4, "end_of_data", "{}"));

  std::vector<Date> got;
  {
    test::ServedFeed served(feed);
    REQUIRE_NOTHROW([&] {
      while (auto d = sub.next()) got.push_back(d->row.date);
    }());
  }
  const auto& st = sub.stats();
  CAPTURE(st.malformed, st.gaps, st.duplicates, st.snapshot_requests, reports.size());
  CHECK(got == std::vector<Date>{days[0].row.date, days[1].row.date, days[2].row.date});
  CHECK(st.malformed == 8);
  CHECK(st.duplicates == 1);
  CHECK(st.gaps == 0);
  CHECK(reports.size() >= 8);
}
