// alvh-host: see alvh/host/host_cli.hpp.
#include <iostream>

#include "alvh/host/host_cli.hpp"

int main(int argc, char** argv) {
  return alvh::host::run_host_cli(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
