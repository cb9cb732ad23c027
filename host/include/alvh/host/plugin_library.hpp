#pragma once
// A loaded plug-in library, accepted only after its manifest and callback table check out:
//   1. the file exists and dlopen accepts it (RTLD_NOW | RTLD_LOCAL: unresolved symbols fail now);
//   2. it exports alvh_plugin_entry, which returns a descriptor;
//   3. the descriptor and manifest are complete and manifest.abi_version equals the host's, checked
//      before anything else in the table is touched;
//   4. every callback slot is set.
// Any failure throws PluginLoadError with a message naming the file and the problem.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "alvh/plugin.h"

namespace alvh::host {

class PluginLibrary {
 public:
  explicit PluginLibrary(const std::filesystem::path& file);
  ~PluginLibrary();
  PluginLibrary(PluginLibrary&& other) noexcept;
  PluginLibrary& operator=(PluginLibrary&& other) noexcept;
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& file() const { return file_; }
  const alvh_manifest& manifest() const { return descriptor_->manifest; }
  const alvh_plugin_api& api() const { return *descriptor_->api; }
  std::string build_id() const { return manifest().build_id; }
  std::vector<std::string> strategy_names() const;
  bool provides(const std::string& strategy) const;

 private:
  std::filesystem::path file_;
  void* handle_ = nullptr;
  const alvh_plugin_descriptor* descriptor_ = nullptr;
};

// The callback slots that are null, by name (empty when the table is complete).
std::vector<std::string> missing_callbacks(const alvh_plugin_api& api);

}  // namespace alvh::host
