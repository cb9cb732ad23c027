#pragma once
// Loads and validates an ALVH YAML configuration. Every problem is collected, not just the first.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "alvh/config/alvh_config.hpp"
#include "alvh/config/config_error.hpp"

namespace alvh::config {

struct ConfigLoadResult {
  std::optional<AlvhConfig> config;  // set exactly when errors is empty
  std::vector<ConfigError> errors;   // sorted by line, then column

  bool ok() const { return config.has_value(); }
  // Every error formatted, one per line.
  std::string format_errors() const;
};

// Relative paths inside the file (data.dir, report.output_dir, key files) resolve against the
// file's directory.
ConfigLoadResult load_config(const std::filesystem::path& file);

// `display_name` names the document in errors. Relative paths resolve against `base_dir`
// (left relative when it is empty).
ConfigLoadResult load_config_from_string(std::string yaml, std::string display_name,
                                         const std::filesystem::path& base_dir = {});

}  // namespace alvh::config
