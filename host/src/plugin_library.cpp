#include "alvh/host/plugin_library.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <utility>

#include "alvh/host/plugin_error.hpp"

namespace alvh::host {
namespace {

[[noreturn]] void reject(const std::filesystem::path& file, const std::string& why) {
  throw PluginLoadError("plugin " + file.string() + " rejected: " + why);
}

}  // namespace

PluginCallError::PluginCallError(std::int32_t status, std::string callback, std::string message)
    : std::runtime_error("plugin " + callback + " failed (status " + std::to_string(status) + "): " + message),
      status_(status),
      callback_(std::move(callback)),
      message_(std::move(message)) {}

std::vector<std::string> missing_callbacks(const alvh_plugin_api& api) {
  const std::pair<const char*, bool> slots[] = {
      {"create", api.create != nullptr},
      {"destroy", api.destroy != nullptr},
      {"start", api.start != nullptr},
      {"stop", api.stop != nullptr},
      {"on_daily_bar", api.on_daily_bar != nullptr},
      {"on_index_values", api.on_index_values != nullptr},
      {"on_signals", api.on_signals != nullptr},
      {"on_chain", api.on_chain != nullptr},
      {"on_quotes", api.on_quotes != nullptr},
      {"on_order_event", api.on_order_event != nullptr},
      {"on_fill", api.on_fill != nullptr},
      {"on_settlement", api.on_settlement != nullptr},
      {"on_timer", api.on_timer != nullptr},
      {"save_state", api.save_state != nullptr},
      {"load_state", api.load_state != nullptr}};
  std::vector<std::string> out;
  for (const auto& [name, set] : slots)
    if (!set) out.emplace_back(name);
  return out;
}

PluginLibrary::PluginLibrary(const std::filesystem::path& file) : file_(file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) reject(file, "no such file");
  if (!std::filesystem::is_regular_file(file, ec)) reject(file, "not a regular file");
  // A path without a slash would make dlopen search the library path instead of this file.
  const std::filesystem::path absolute = std::filesystem::absolute(file, ec);
  dlerror();
  handle_ = dlopen((ec ? file : absolute).c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char* why = dlerror();
    reject(file, std::string("not a loadable shared library: ") + (why ? why : "dlopen failed"));
  }
  try {
    dlerror();
    void* sym = dlsym(handle_, ALVH_PLUGIN_ENTRY_SYMBOL);
    if (!sym || dlerror())
      reject(file, "no exported symbol '" ALVH_PLUGIN_ENTRY_SYMBOL "' (not an alvh plugin, or built without the export)");
    auto entry = reinterpret_cast<alvh_plugin_entry_fn>(sym);
    descriptor_ = entry(ALVH_PLUGIN_ABI_VERSION);
    if (!descriptor_) reject(file, ALVH_PLUGIN_ENTRY_SYMBOL " returned no descriptor");
    const alvh_manifest& m = descriptor_->manifest;
    // The version is checked before anything else in the descriptor is read (its offset is fixed
    // in every ABI version).
    if (m.abi_version != ALVH_PLUGIN_ABI_VERSION)
      reject(file, "plugin ABI version " + std::to_string(m.abi_version) + ", this host speaks ABI version " +
                       std::to_string(ALVH_PLUGIN_ABI_VERSION));
    if (descriptor_->struct_size < sizeof(alvh_plugin_descriptor))
      reject(file, "descriptor struct_size " + std::to_string(descriptor_->struct_size) + " is smaller than " +
                       std::to_string(sizeof(alvh_plugin_descriptor)));
    if (m.struct_size < sizeof(alvh_manifest))
      reject(file, "manifest struct_size " + std::to_string(m.struct_size) + " is smaller than " +
                       std::to_string(sizeof(alvh_manifest)));
    if (!m.build_id) reject(file, "manifest has no build id");
    if (m.strategy_count == 0 || !m.strategy_names) reject(file, "manifest lists no strategies");
    for (std::uint32_t i = 0; i < m.strategy_count; ++i)
      if (!m.strategy_names[i] || !*m.strategy_names[i]) reject(file, "manifest strategy name " + std::to_string(i) + " is empty");
    if (!descriptor_->api) reject(file, "no callback table");
    if (descriptor_->api->struct_size < sizeof(alvh_plugin_api))
      reject(file, "callback table struct_size " + std::to_string(descriptor_->api->struct_size) + " is smaller than " +
                       std::to_string(sizeof(alvh_plugin_api)));
    if (const auto missing = missing_callbacks(*descriptor_->api); !missing.empty()) {
      std::string names;
      for (const auto& n : missing) names += (names.empty() ? "" : ", ") + n;
      reject(file, "callback table has null slots: " + names);
    }
  } catch (...) {
    dlclose(handle_);
    handle_ = nullptr;
    throw;
  }
}

PluginLibrary::~PluginLibrary() {
  if (handle_) dlclose(handle_);
}

PluginLibrary::PluginLibrary(PluginLibrary&& other) noexcept
    : file_(std::move(other.file_)),
      handle_(std::exchange(other.handle_, nullptr)),
      descriptor_(std::exchange(other.descriptor_, nullptr)) {}

PluginLibrary& PluginLibrary::operator=(PluginLibrary&& other) noexcept {
  if (this != &other) {
    if (handle_) dlclose(handle_);
    file_ = std::move(other.file_);
    handle_ = std::exchange(other.handle_, nullptr);
    descriptor_ = std::exchange(other.descriptor_, nullptr);
  }
  return *this;
}

std::vector<std::string> PluginLibrary::strategy_names() const {
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < manifest().strategy_count; ++i) out.emplace_back(manifest().strategy_names[i]);
  return out;
}

bool PluginLibrary::provides(const std::string& strategy) const {
  const auto names = strategy_names();
  return std::find(names.begin(), names.end(), strategy) != names.end();
}

}  // namespace alvh::host
