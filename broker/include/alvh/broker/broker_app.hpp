#pragma once
// `alvh-paper-broker`: command line and main loop, in the library so tests can parse arguments
// in-process. The loop serves the clock channel and the protocol-v1 sockets on one thread.
#include <cstdint>
#include <optional>

#include "alvh/core/date.hpp"
#include "alvh/venue/simulated_venue.hpp"
#include "alvh/zmq/clock_message.hpp"
#include <csignal>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

namespace alvh::broker {

struct BrokerOptions {
  std::string config;            // alvh YAML: data.dir, execution costs, adapters.zmq defaults
  std::string command_endpoint;  // default: adapters.zmq.command_endpoint
  std::string event_endpoint;    // default: adapters.zmq.event_endpoint
  std::string clock_endpoint = std::string(wire::kDefaultClockEndpoint);
  std::string last_day_text;          // --last-day as given
  std::optional<Date> last_day;       // the clock refuses later days (default: the data's last day)
  std::int64_t max_order_contracts = venue::VenueSettings{}.max_order_contracts;
  std::int64_t max_position_contracts = venue::VenueSettings{}.max_position_contracts;
  std::string state_file;        // empty = in memory only
  long kill_at = 0;              // test hook: SIGKILL before the N-th state-file write (0 = never)
  std::string data_dir;          // empty = data.dir of the config
  std::string account = "paper";
  bool enforce_limits = false;
  std::string curve_secret_key;                 // CURVE on command + event sockets (with allowed keys)
  std::vector<std::string> curve_allowed_keys;  // public key files of the clients let in
};

// Parsed options, or the exit code to return at once (0 after --help, 2 for bad arguments), with
// the message already written to `out` / `err`.
std::variant<BrokerOptions, int> parse_broker_args(const std::vector<std::string>& args, std::ostream& out,
                                                    std::ostream& err);

// Loads config and data, binds, prints "ready command=<ep> event=<ep> clock=<ep>" and serves until
// `stop` becomes non-zero. Returns 0 after a clean stop, 1 on errors (written to `err`).
int run_broker(const BrokerOptions& options, std::ostream& out, std::ostream& err,
               const volatile std::sig_atomic_t& stop);

}  // namespace alvh::broker
