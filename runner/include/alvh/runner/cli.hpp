#pragma once
// Entry of the `alvh` command line, callable in-process by tests.
#include <iosfwd>
#include <string>
#include <vector>

namespace alvh::runner {

// Returns the process exit status: 0 ok, 1 a failed check or run, 2 wrong/missing arguments.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace alvh::runner
