// A lost md.day message is noticed (next seq, or a heartbeat announcing more) and fetched with a
// snapshot_request before anything later is delivered.
#include <catch2/catch.hpp>

#include <zmq.hpp>

#include "alvh/zmq/md_subscriber.hpp"
#include "../../support/feed_test_support.hpp"

using namespace alvh;
using namespace alvh::wire;

namespace {

std::vector<Date> drain(MdSubscriber& sub) {
  std::vector<Date> out;
  while (auto d = sub.next()) out.push_back(d->row.date);
  return out;
}

}  // namespace

TEST_CASE("a sequence gap in the middle and a lost last day are both recovered by snapshot, in order") {
  zmq::context_t ctx;
  FeedSettings s;
  s.pub_endpoint = "inproc://gap-pub";
  s.snapshot_endpoint = "inproc://gap-snap";
  s.speed = 50;  // days arrive over time, so most come live and the gaps are real
  s.heartbeat_interval = std::chrono::milliseconds(20);
  const auto days = test::synthetic_days(8);
  FeedPublisher feed(ctx, s, days);
  feed.drop_on_wire(3);
  feed.drop_on_wire(8);  // the last day: only end_of_data / a heartbeat can reveal it
  SubscriberSettings ss{feed.pub_endpoint(), feed.snapshot_endpoint(), std::chrono::milliseconds(5000), "t", {}, std::nullopt};
  std::vector<std::string> reports;
  MdSubscriber sub(ctx, ss, [&](const std::string& m) { reports.push_back(m); });
  std::vector<Date> got;
  {
    test::ServedFeed served(feed);
    got = drain(sub);
  }
  std::vector<Date> want;
  for (const auto& d : days) want.push_back(d.row.date);
  const auto& st = sub.stats();
  CAPTURE(st.gaps, st.snapshot_requests, st.recovered, st.duplicates, st.malformed, reports.size());
  CHECK(got == want);
  CHECK(st.gaps >= 2);
  CHECK(st.recovered >= 2);
  CHECK(st.malformed == 0);
  CHECK(sub.last_seq() == 9);
}

TEST_CASE("a subscriber that joins after everything was published gets every day from the start-up snapshot") {
  zmq::context_t ctx;
  FeedSettings s;
  s.pub_endpoint = "inproc://late-pub";
  s.snapshot_endpoint = "inproc://late-snap";
  s.max_snapshot_messages = 3;  // several replies
  const auto days = test::synthetic_days(10);
  FeedPublisher feed(ctx, s, days);
  feed.poll(std::chrono::milliseconds(0));
  REQUIRE(feed.finished());
  MdSubscriber sub(ctx, {feed.pub_endpoint(), feed.snapshot_endpoint(), std::chrono::milliseconds(5000), "t", {}, std::nullopt});
  std::vector<Date> got;
  {
    test::ServedFeed served(feed);
    got = drain(sub);
  }
  CHECK(got.size() == days.size());
  CHECK(sub.stats().snapshot_requests >= 4);
}
