#pragma once
// A loaded plug-in library, accepted only after its manifest and callback table check out:
//   0. the file is a complete ELF shared library for this machine (check_library_file), checked
//      before it is mapped: a truncated file would otherwise map and die of SIGBUS on first use;
//   1. dlopen accepts it (RTLD_NOW | RTLD_LOCAL: unresolved symbols fail now);
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

// Reads only the file: an ELF shared library of this machine's class, byte order and processor
// whose program headers, section headers and loaded segments all lie within the file. Throws
// PluginLoadError naming the file and what is wrong (e.g. "truncated: segment 3 ends at byte ...").
// `alvh paper` runs it before it creates anything; PluginLibrary runs it before dlopen.
void check_library_file(const std::filesystem::path& file);

// The callback slots that are null, by name (empty when the table is complete).
std::vector<std::string> missing_callbacks(const alvh_plugin_api& api);

}  // namespace alvh::host
