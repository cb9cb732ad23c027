#pragma once
// `alvh-feed --config FILE [--from DATE --to DATE] [--data DIR] [--pub-endpoint EP]
//  [--snapshot-endpoint EP] [--speed N] [--heartbeat-ms N]
//  [--curve-secret-key FILE --curve-allowed-key FILE...]`: loads the bundled history, computes the
// config's signals, prints `ready pub=<ep> snapshot=<ep> days=<n>` and publishes until SIGTERM/SIGINT.
// With a CURVE secret key both sockets are encrypted and only the allowed subscriber keys get in.
// Exit status: 0 stopped by a signal, 1 config/data failure, 2 wrong arguments.
#include <ostream>
#include <string>
#include <vector>

namespace alvh::feed {

int run_feed_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace alvh::feed
