// alvh-paper-broker: see broker/include/alvh/broker/broker_app.hpp and docs/protocol.md.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "alvh/broker/broker_app.hpp"

namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = alvh::broker::parse_broker_args(args, std::cout, std::cerr);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  return alvh::broker::run_broker(std::get<alvh::broker::BrokerOptions>(parsed), std::cout, std::cerr, g_stop);
}
