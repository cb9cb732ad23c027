#pragma once
// Private: validating a YAML tree that is already parsed, e.g. a base document with sweep-grid
// overrides spliced in (sweep_grid.cpp). `d` names the base document; nodes spliced in from another
// file keep that file's marks, so the caller relocates errors about them.
#include <filesystem>

#include "alvh/config/config_loader.hpp"
#include "yaml_reader.hpp"

namespace alvh::config::detail {

ConfigLoadResult load_config_from_node(Diagnostics& d, const YAML::Node& root, const std::filesystem::path& base_dir);

}  // namespace alvh::config::detail
