// alvh-feed: publishes the bundled history as protocol-v1 market data (docs/protocol.md §11).
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "alvh/feed/feed_cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return alvh::feed::run_feed_cli(args, std::cout, std::cerr);
}
