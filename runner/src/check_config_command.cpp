// `alvh check-config FILE`: every validation error, one per line; exit 1 when any, 0 when valid.
#include "alvh/config/config_loader.hpp"
#include "command.hpp"

namespace alvh::runner {

Action add_check_config_command(CLI::App& app, Io io) {
  auto file = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("check-config", "Validate a YAML config; print every error as file:line:col: path: message");
  sub->add_option("FILE", *file, "the YAML config, e.g. config/alvh.yaml")->required();
  return [file, io] {
    auto result = config::load_config(*file);
    if (!result.ok()) {
      io.err << result.format_errors();
      if (!result.format_errors().empty() && result.format_errors().back() != '\n') io.err << "\n";
      io.err << result.errors.size() << " error(s) in " << *file << "\n";
      return 1;
    }
    io.out << *file << ": valid (schema_version " << result.config->schema_version << ", "
           << result.config->signals.size() << " signals, " << result.config->rules.size() << " rules)\n";
    return 0;
  };
}

}  // namespace alvh::runner
