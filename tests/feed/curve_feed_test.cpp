// CURVE on the market-data feed: both sockets encrypted, only the subscriber keys the feed lists get
// in (ZAP). A subscriber the feed refuses receives nothing and fails after its timeout, cleanly.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "alvh/feed/feed_cli.hpp"
#include "alvh/zmq/md_subscriber.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "../support/feed_test_support.hpp"

using namespace alvh;
using namespace alvh::feed;
using namespace alvh::wire;
using namespace std::chrono_literals;

namespace {

struct Keys {
  alvh::wire::CurveKeyPair feed = alvh::wire::generate_curve_keypair();
  alvh::wire::CurveKeyPair host = alvh::wire::generate_curve_keypair();
  alvh::wire::CurveKeyPair stranger = alvh::wire::generate_curve_keypair();
};

FeedSettings curve_feed(const Keys& k) {
  FeedSettings s;
  s.pub_endpoint = "tcp://127.0.0.1:*";  // tcp, as deployed; ephemeral ports
  s.snapshot_endpoint = "tcp://127.0.0.1:*";
  s.heartbeat_interval = 50ms;
  s.curve = alvh::wire::CurveServerConfig{k.feed, {k.host.public_key}};
  return s;
}

SubscriberSettings subscriber(const FeedPublisher& feed, std::optional<alvh::wire::CurveClientConfig> curve,
                              std::chrono::milliseconds timeout) {
  SubscriberSettings ss;
  ss.pub_endpoint = feed.pub_endpoint();
  ss.snapshot_endpoint = feed.snapshot_endpoint();
  ss.timeout = timeout;
  ss.source = "t";
  ss.curve = std::move(curve);
  return ss;
}

// Every day, or the error next() ended with.
struct Outcome {
  std::vector<Date> days;
  std::optional<std::string> error;
  std::chrono::steady_clock::duration took{};
};
Outcome drain(MdSubscriber& sub) {
  Outcome o;
  const auto start = std::chrono::steady_clock::now();
  try {
    while (auto d = sub.next()) o.days.push_back(d->row.date);
  } catch (const std::runtime_error& e) {
    o.error = e.what();
  }
  o.took = std::chrono::steady_clock::now() - start;
  return o;
}

}  // namespace

TEST_CASE("a subscriber holding an allowed key receives every day from a CURVE feed") {
  if (!alvh::wire::curve_available()) {
    WARN("libzmq built without CURVE");
    return;
  }
  const Keys k;
  zmq::context_t ctx;
  const auto days = test::synthetic_days(6);
  FeedPublisher feed(ctx, curve_feed(k), days);
  MdSubscriber sub(ctx, subscriber(feed, alvh::wire::CurveClientConfig{k.host, k.feed.public_key}, 2000ms));
  Outcome o;
  {
    test::ServedFeed served(feed);
    o = drain(sub);
  }
  std::vector<Date> want;
  for (const auto& d : days) want.push_back(d.row.date);
  CAPTURE(o.error.value_or("none"), feed.auth_denied());
  CHECK_FALSE(o.error.has_value());
  CHECK(o.days == want);
  CHECK(sub.last_seq() == days.size() + 1);  // end_of_data too
  CHECK(feed.auth_denied() == 0);
}

TEST_CASE("a CURVE feed gives a subscriber it does not admit nothing, and the subscriber fails within its timeout") {
  if (!alvh::wire::curve_available()) {
    WARN("libzmq built without CURVE");
    return;
  }
  const Keys k;
  zmq::context_t ctx;
  FeedPublisher feed(ctx, curve_feed(k), test::synthetic_days(4));
  const auto timeout = 300ms;

  // `settle`: the subscriber asks only after its handshake had time to be refused (as the host,
  // which loads its plug-in first); its snapshot_request then has no peer to go to.
  auto attempt = [&](std::optional<alvh::wire::CurveClientConfig> curve, std::chrono::milliseconds settle = 0ms) {
    MdSubscriber sub(ctx, subscriber(feed, std::move(curve), timeout));
    Outcome o;
    {
      test::ServedFeed served(feed);
      std::this_thread::sleep_for(settle);
      o = drain(sub);
    }
    CAPTURE(o.days.size(), sub.stats().heartbeats);
    CHECK(o.days.empty());
    CHECK(sub.stats().heartbeats == 0);  // not even the status topic gets through
    CHECK(sub.last_seq() == 0);
    // A bound, not a measurement: the failure comes from the timeout, not from a hang.
    CHECK(o.took < timeout + 2s);
    return o;
  };

  SECTION("without keys the handshake cannot even start") {
    const Outcome o = attempt(std::nullopt);
    REQUIRE(o.error.has_value());
    CHECK_THAT(*o.error, Catch::Contains("did not answer a snapshot_request"));
  }
  SECTION("without keys, asking only after the refused handshake, the subscriber still fails, not hangs") {
    const Outcome o = attempt(std::nullopt, 200ms);
    CHECK(o.error.has_value());
  }
  SECTION("with a refused key, asking only after the refused handshake, the subscriber still fails, not hangs") {
    const Outcome o = attempt(alvh::wire::CurveClientConfig{k.stranger, k.feed.public_key}, 200ms);
    CHECK(o.error.has_value());
  }
  SECTION("a key the feed does not list is refused by ZAP") {
    const Outcome o = attempt(alvh::wire::CurveClientConfig{k.stranger, k.feed.public_key});
    REQUIRE(o.error.has_value());
    CHECK_THAT(*o.error, Catch::Contains("did not answer a snapshot_request"));
    CHECK_THAT(*o.error, Catch::Contains("must list this subscriber's public key"));
    CHECK(feed.auth_denied() >= 1);
  }
  SECTION("an allowed key against the wrong feed key fails the handshake") {
    const Outcome o = attempt(alvh::wire::CurveClientConfig{k.host, k.stranger.public_key});
    CHECK(o.error.has_value());
  }
}

TEST_CASE("alvh-feed takes CURVE keys as a secret key file and allowed subscriber key files, both or neither") {
  std::ostringstream out, err;
  SECTION("allowed keys without the feed's secret key") {
    CHECK(run_feed_cli({"--config", "unused.yaml", "--curve-allowed-key", "host.pub"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("--curve-allowed-key needs --curve-secret-key"));
  }
  SECTION("a secret key that admits nobody") {
    CHECK(run_feed_cli({"--config", "unused.yaml", "--curve-secret-key", "feed.key"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("needs at least one --curve-allowed-key"));
  }
  SECTION("an unreadable key file is named") {
    if (!alvh::wire::curve_available()) return;
    const auto dir = std::filesystem::temp_directory_path() / "alvh_feed_curve_cli";
    std::filesystem::create_directories(dir);
    { std::ofstream(dir / "feed.key") << "not a key\n"; }
    const std::string key = (dir / "feed.key").string();
    CHECK(run_feed_cli({"--config", "unused.yaml", "--curve-secret-key", key, "--curve-allowed-key", key}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains(key));
    std::filesystem::remove_all(dir);
  }
}
