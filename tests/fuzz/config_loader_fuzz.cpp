// Fuzzes the YAML configuration loader and validator. load_config_from_string reports every problem
// as a ConfigError and never throws; a configuration it accepts must build its rule book (the
// factory documents that an accepted configuration always compiles).
#include <string>

#include "alvh/config/config_loader.hpp"
#include "alvh/config/rule_book_factory.hpp"
#include "fuzz_check.hpp"
#include "fuzz_targets.hpp"

int alvh_fuzz_config_loader(const std::uint8_t* data, std::size_t size) {
  using namespace alvh::config;
  std::string yaml(reinterpret_cast<const char*>(data), size);
  // base_dir stays empty: relative paths are left relative and nothing touches the file system.
  ConfigLoadResult r = load_config_from_string(std::move(yaml), "fuzz.yaml");
  alvh::fuzz::check(r.ok() == r.errors.empty(), "config set although errors were reported, or neither");
  const std::string report = r.format_errors();
  alvh::fuzz::check(r.ok() || !report.empty(), "rejected configuration without an error message");
  for (std::size_t i = 1; i < r.errors.size(); ++i) {
    const auto& a = r.errors[i - 1];
    const auto& b = r.errors[i];
    alvh::fuzz::check(a.line < b.line || (a.line == b.line && a.column <= b.column), "errors not sorted by position");
  }
  if (r.ok()) (void)build_rule_book(*r.config);
  return 0;
}

ALVH_FUZZ_ENTRY(alvh_fuzz_config_loader)
