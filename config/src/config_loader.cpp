#include "alvh/config/config_loader.hpp"

#include <fstream>
#include <sstream>

#include "config_from_node.hpp"
#include "sections.hpp"
#include "yaml_reader.hpp"

namespace alvh::config {

std::string ConfigLoadResult::format_errors() const {
  std::string s;
  for (const auto& e : errors) s += e.format() + "\n";
  return s;
}

namespace {

ConfigLoadResult finish(detail::Diagnostics& d, AlvhConfig config) {
  ConfigLoadResult r;
  if (d.has_errors()) r.errors = d.take_sorted();
  else r.config = std::move(config);
  return r;
}

}  // namespace

ConfigLoadResult load_config_from_string(std::string yaml, std::string display_name,
                                         const std::filesystem::path& base_dir) {
  detail::Diagnostics d(display_name, yaml);
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    d.error(e.mark, "", "YAML syntax error: " + e.msg);
    return finish(d, AlvhConfig{});
  }
  return detail::load_config_from_node(d, root, base_dir);
}

ConfigLoadResult detail::load_config_from_node(Diagnostics& d, const YAML::Node& root,
                                               const std::filesystem::path& base_dir) {
  using namespace detail;
  AlvhConfig config;
  if (!root.IsMap()) {
    YAML::Mark start;  // line 0, column 0
    d.error(start, "",
            root.IsNull() ? "empty document; expected a mapping starting with schema_version"
                          : "expected a mapping at the top level");
    return finish(d, std::move(config));
  }

  MapReader top(d, root, "");
  if (auto v = top.require("schema_version")) {
    int version = 0;
    if (read_int(d, *v, "schema_version", version, Range::any())) {
      if (version != kSchemaVersion) {
        // Another schema means other keys; validating them against version 1 would only add noise.
        d.error(d.mark(*v), "schema_version",
                "unsupported schema_version " + std::to_string(version) + " (this build reads " +
                    std::to_string(kSchemaVersion) + ")");
        return finish(d, std::move(config));
      }
      config.schema_version = version;
    }
  }
  if (auto n = top.get("data")) read_data(d, *n, config.data, base_dir);
  else config.data.dir = resolve(base_dir, config.data.dir);
  SignalCatalog catalog;
  if (auto n = top.get("signals")) catalog = read_signals(d, *n, config.signals);
  if (auto n = top.get("rules")) read_rules(d, *n, catalog, config.rules);
  if (auto n = top.get("condor")) read_condor(d, *n, config.condor);
  if (auto n = top.get("ladder")) read_ladder(d, *n, catalog, config.ladder);
  if (auto n = top.get("risk")) read_risk(d, *n, config.risk);
  if (auto n = top.get("execution")) read_execution(d, *n, config.execution);
  if (auto n = top.get("model")) read_model(d, *n, config.model);
  if (auto n = top.get("adapters")) read_adapters(d, *n, config.adapters, base_dir);
  else config.adapters = AdaptersConfig{};
  if (auto n = top.get("report")) read_report(d, *n, config.report, base_dir);
  else config.report.output_dir = resolve(base_dir, config.report.output_dir);
  top.finish();
  return finish(d, std::move(config));
}

ConfigLoadResult load_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ConfigLoadResult r;
    r.errors.push_back(ConfigError{file.string(), 0, 0, "", "cannot open the configuration file"});
    return r;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::filesystem::path base = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  ConfigLoadResult r = load_config_from_string(text.str(), file.string(), base);
  if (r.config) r.config->source = file;
  return r;
}

}  // namespace alvh::config
