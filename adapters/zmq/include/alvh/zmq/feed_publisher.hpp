#pragma once
// The publishing side of alvh-feed: a PUB socket carrying one `market_day` message per replayed day
// on topic `md.day` (then `end_of_data`), optionally followed by that day's modelled chains on
// `chain.<root>`, numbered 1, 2, ... per topic, heartbeats on `status` that
// announce the last sequence number published, and a ROUTER answering `snapshot_request` with the
// messages from a given sequence number on (gap recovery, docs/protocol.md §11). Single-threaded:
// everything happens in poll(). The clock is injected so pacing and heartbeats need no sleeping in tests.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alvh/zmq/market_day_codec.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/wire_time.hpp"

namespace zmq {
class context_t;
}

namespace alvh::wire {

struct FeedSettings {
  std::string pub_endpoint = "tcp://127.0.0.1:5560";
  std::string snapshot_endpoint = "tcp://127.0.0.1:5561";
  double speed = 0;  // replayed days per second; 0 = as fast as possible
  std::chrono::milliseconds heartbeat_interval{1000};
  std::size_t max_snapshot_messages = 256;  // per snapshot reply; the client asks again for the rest
  std::string source = "feed";
  // Option chains published with each day on chain.<root> (v1 `chain`; not recoverable, as v1 says
  // for chain topics). Empty: none. alvh-feed uses ModelChains.
  std::function<std::vector<OptionChainSnapshot>(const FeedDay&)> chains;
  std::size_t max_messages_per_poll = 64;  // so snapshot requests are served while a history streams out
  // Set: CURVE on the PUB and the snapshot ROUTER, and only the listed client keys get in (ZAP,
  // answered in poll()). The publisher then owns its context's ZAP endpoint (one per context).
  std::optional<CurveServerConfig> curve;
};

class FeedPublisher {
 public:
  FeedPublisher(zmq::context_t& context, FeedSettings settings, std::vector<FeedDay> days,
                NowFunction now = system_now);
  ~FeedPublisher();
  FeedPublisher(const FeedPublisher&) = delete;
  FeedPublisher& operator=(const FeedPublisher&) = delete;

  // Bound endpoints (wildcard ports resolved).
  const std::string& pub_endpoint() const;
  const std::string& snapshot_endpoint() const;
  const std::string& session() const;

  // Serves commands for up to `wait`, then publishes what is due (days by pacing, heartbeat by interval).
  void poll(std::chrono::milliseconds wait);
  bool finished() const;  // every day and end_of_data published
  std::uint64_t last_seq() const;  // on md.day
  std::size_t snapshots_served() const;
  // Bad commands received, by rejection code (not_json, unknown_type, ...).
  const std::map<std::string, int>& rejections() const;
  std::uint64_t auth_denied() const;  // CURVE handshakes refused by the key check (0 without CURVE)

  // Test hook: the message with this md.day sequence number is recorded but never sent (a lost message).
  void drop_on_wire(std::uint64_t seq);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire
