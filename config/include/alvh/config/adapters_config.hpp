#pragma once
// ZeroMQ link to execution backends. Endpoints default to loopback; CURVE is optional.
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

struct AdaptersConfig {
  ZmqConfig zmq;
};

}  // namespace alvh::config
