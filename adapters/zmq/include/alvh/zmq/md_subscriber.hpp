#pragma once
// The receiving side of alvh-feed, used by alvh-host --market-data: a SUB on `md.day` and `status`
// plus a DEALER to the feed's snapshot ROUTER. It hands out the days strictly in sequence: a gap
// (seq > last + 1, or a heartbeat announcing more than was received) is recovered by a
// snapshot_request for the missing range before anything later is delivered; duplicates are
// dropped; malformed messages are counted and skipped, never thrown (docs/protocol.md §11).
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "alvh/zmq/market_day_codec.hpp"
#include "alvh/zmq/curve_keys.hpp"
#include "alvh/zmq/wire_time.hpp"

namespace zmq {
class context_t;
}

namespace alvh::wire {

struct SubscriberSettings {
  std::string pub_endpoint;       // the feed's PUB
  std::string snapshot_endpoint;  // the feed's ROUTER
  std::chrono::milliseconds timeout{10000};  // no progress (day, heartbeat or reply) for this long -> error
  std::string source = "alvh-host";
  std::function<void()> idle;  // called about every 50 ms while waiting (the host keeps its broker link alive)
  // Set: CURVE on both sockets with this keypair, against the feed's public key. A feed that does
  // not know the key (or a CURVE feed met without it) sends nothing: next() fails after `timeout`.
  std::optional<CurveClientConfig> curve;
};

struct SubscriberStats {
  std::size_t days = 0;                // delivered by next()
  std::size_t malformed = 0;           // bad envelopes or payloads, skipped
  std::size_t duplicates = 0;          // seq <= last delivered
  std::size_t gaps = 0;                // detected
  std::size_t snapshot_requests = 0;   // sent
  std::size_t recovered = 0;           // messages taken from snapshot replies
  std::size_t heartbeats = 0;
};

class MdSubscriber {
 public:
  using Report = std::function<void(const std::string&)>;
  MdSubscriber(zmq::context_t& context, SubscriberSettings settings, Report report = {});
  ~MdSubscriber();
  MdSubscriber(const MdSubscriber&) = delete;
  MdSubscriber& operator=(const MdSubscriber&) = delete;

  // The next day in sequence; nullopt after end_of_data. The first call asks for a snapshot from
  // seq 1 (start-up, so a subscriber that joins late still gets every day). Throws
  // std::runtime_error when the feed is silent for `timeout`.
  std::optional<FeedDay> next();
  const SubscriberStats& stats() const;
  std::uint64_t last_seq() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire
