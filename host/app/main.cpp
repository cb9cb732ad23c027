// alvh-host: see alvh/host/host_cli.hpp.
#include <iostream>

#include "alvh/host/crash_handler.hpp"
#include "alvh/host/host_cli.hpp"

int main(int argc, char** argv) {
  // A plug-in that crashes is named with its callback on stderr before the signal ends the process.
  alvh::host::install_crash_handler("alvh-host");
  return alvh::host::run_host_cli(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
