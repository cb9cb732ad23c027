#pragma once
// `alvh-host --plugin PATH --config FILE [--from DATE --to DATE]`: loads a plug-in, checks its
// manifest, then drives it over replayed bundled history with the backtest's option model and
// routes its orders to the in-process paper executor built on the same fill model.
// Exit status: 0 done, 1 plug-in/config/data failure, 2 wrong arguments.
#include <ostream>
#include <string>
#include <vector>

namespace alvh::host {

int run_host_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace alvh::host
