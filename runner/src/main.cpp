#include <iostream>
#include <string>
#include <vector>

#include "alvh/runner/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return alvh::runner::run_cli(args, std::cout, std::cerr);
}
