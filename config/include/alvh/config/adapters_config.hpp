#pragma once
// ZeroMQ links: to execution backends (zmq) and to a market-data feed (market_data). Endpoints
// default to loopback; CURVE is optional on both.
#include <filesystem>
#include <optional>
#include <string>

namespace alvh::config {

struct ZmqConfig {
  bool enabled = false;
  std::string command_endpoint = "tcp://127.0.0.1:5555";  // DEALER (strategy) <-> ROUTER (adapter)
  std::string event_endpoint = "tcp://127.0.0.1:5556";    // PUB (adapter) -> SUB (strategy)
  bool allow_non_loopback = false;  // endpoints off this host must be opted into explicitly
  int heartbeat_interval_ms = 1000;
  int heartbeat_timeout_ms = 5000;  // missing heartbeats -> REDUCING, then HALTED
  int send_high_water_mark = 1000;
  int receive_high_water_mark = 1000;
  // CURVE key files (resolved against the config file's directory); all absent = no CURVE.
  std::optional<std::filesystem::path> curve_server_public_key;
  std::optional<std::filesystem::path> curve_client_public_key;
  std::optional<std::filesystem::path> curve_client_secret_key;
};

// A ZeroMQ market-data feed (alvh-feed, protocol v1 section 11) that paper sessions take their days
// from instead of the data files.
struct MarketDataConfig {
  bool enabled = false;
  std::string pub_endpoint = "tcp://127.0.0.1:5560";       // the feed's PUB: days, heartbeats (gap-detected)
  std::string snapshot_endpoint = "tcp://127.0.0.1:5561";  // the feed's ROUTER: snapshot_request (gap recovery)
  bool allow_non_loopback = false;
  int timeout_ms = 10000;  // no day, heartbeat or snapshot reply for this long -> the session fails
  // CURVE key files, as in ZmqConfig: the feed's public key and the subscriber's keypair
  // (resolved against the config file's directory); all absent = no CURVE.
  std::optional<std::filesystem::path> curve_server_public_key;
  std::optional<std::filesystem::path> curve_client_public_key;
  std::optional<std::filesystem::path> curve_client_secret_key;
};

struct AdaptersConfig {
  ZmqConfig zmq;
  MarketDataConfig market_data;
};

}  // namespace alvh::config
