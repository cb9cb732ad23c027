#include "alvh/runner/cli.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include "alvh/core/date.hpp"
#include "command.hpp"

namespace alvh::runner {

std::string check_iso_date(const std::string& flag, const std::string& text) {
  if (!parse_iso_date(text)) throw UsageError(flag + ": '" + text + "' is not a date (YYYY-MM-DD)");
  return text;
}

namespace {

// CLI11 messages can span lines; scripts want exactly one.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"alvh — 1DTE SPX iron condors hedged by an Adaptive Layered VIX Hedge", "alvh"};
  app.set_version_flag("--version", std::string("alvh ") + ALVH_VERSION);
  app.require_subcommand(1);
  Io io{out, err};

  std::map<CLI::App*, Action> actions;
  auto add = [&](Action (*reg)(CLI::App&, Io)) {
    auto before = app.get_subcommands({});
    Action a = reg(app, io);
    auto after = app.get_subcommands({});
    actions.emplace(after.back(), std::move(a));
    (void)before;
  };
  add(&add_price_command);
  add(&add_calendar_command);
  add(&add_check_config_command);
  add(&add_signals_command);
  add(&add_backtest_command);
  add(&add_paper_command);
  add(&add_sweep_command);
  add(&add_export_quotes_command);
  add(&add_calibrate_command);
  add(&add_validate_model_command);

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 parses a reversed vector
  std::string which = args.empty() ? std::string{} : args.front();
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    CLI::App* sub = nullptr;
    for (auto* s : app.get_subcommands()) sub = s;
    out << (sub ? sub->help() : app.help());
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << std::string("alvh ") + ALVH_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    std::string prefix = "alvh";
    for (auto* s : app.get_subcommands()) prefix += " " + s->get_name();
    err << prefix << ": " << one_line(e.what()) << " (try --help)\n";
    return 2;
  }
  for (auto* s : app.get_subcommands()) {
    auto it = actions.find(s);
    if (it == actions.end()) continue;
    try {
      return it->second();
    } catch (const UsageError& e) {
      err << "alvh " << s->get_name() << ": " << one_line(e.what()) << " (try --help)\n";
      return 2;
    } catch (const std::exception& e) {
      // Runtime failures may list several errors (one per line), each naming file:line:col.
      err << "alvh " << s->get_name() << ": " << e.what() << "\n";
      return 1;
    }
  }
  err << "alvh: no command given (try --help)\n";
  return 2;
}

}  // namespace alvh::runner
