#include "alvh/runner/cli.hpp"

#include <ostream>

namespace alvh::runner {

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  (void)args; (void)out;
  err << "alvh: no command yet\n";
  return 2;
}

}  // namespace alvh::runner
