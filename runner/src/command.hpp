#pragma once
// How a subcommand plugs into the `alvh` CLI: it registers its flags on a CLI11 subcommand and
// returns the action to run when that subcommand was chosen.
#include <CLI/CLI.hpp>
#include <functional>
#include <ostream>
#include <string>

namespace alvh::runner {

struct Io {
  std::ostream& out;
  std::ostream& err;
};

using Action = std::function<int()>;

// Thrown by an action for a semantic argument error (exit status 2, one line).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Action add_price_command(CLI::App& app, Io io);
Action add_calendar_command(CLI::App& app, Io io);
Action add_check_config_command(CLI::App& app, Io io);
Action add_signals_command(CLI::App& app, Io io);
Action add_backtest_command(CLI::App& app, Io io);
Action add_paper_command(CLI::App& app, Io io);
Action add_sweep_command(CLI::App& app, Io io);
Action add_export_quotes_command(CLI::App& app, Io io);
Action add_calibrate_command(CLI::App& app, Io io);
Action add_validate_model_command(CLI::App& app, Io io);

// Returns `text` when it is a "YYYY-MM-DD" date, else throws UsageError naming the flag.
std::string check_iso_date(const std::string& flag, const std::string& text);

}  // namespace alvh::runner
