#include "alvh/host/plugin_library.hpp"

#include <dlfcn.h>
#include <elf.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <utility>

#include "alvh/host/crash_handler.hpp"
#include "alvh/host/plugin_error.hpp"

namespace alvh::host {
namespace {

[[noreturn]] void reject(const std::filesystem::path& file, const std::string& why) {
  throw PluginLoadError("plugin " + file.string() + " rejected: " + why);
}

std::string bytes(std::uint64_t n) { return std::to_string(n) + " bytes"; }

// The end of a table of `count` entries of `size` bytes at `offset`, or 0 when it overflows.
std::uint64_t table_end(std::uint64_t offset, std::uint64_t count, std::uint64_t size) {
  if (size != 0 && count > (UINT64_MAX - offset) / size) return 0;
  return offset + count * size;
}

#if defined(__x86_64__)
constexpr std::uint16_t kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr std::uint16_t kMachine = EM_AARCH64;
#else
constexpr std::uint16_t kMachine = EM_NONE;  // not checked: dlopen's own check decides
#endif

}  // namespace

void check_library_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) reject(file, "no such file");
  if (!std::filesystem::is_regular_file(file, ec)) reject(file, "not a regular file");
  const std::uint64_t size = std::filesystem::file_size(file, ec);
  if (ec) reject(file, "cannot read its size: " + ec.message());
  std::ifstream in(file, std::ios::binary);
  if (!in) reject(file, "cannot open it for reading");
  const auto bad = [&file](const std::string& why) { reject(file, "not a loadable shared library: " + why); };
  Elf64_Ehdr eh{};
  in.read(reinterpret_cast<char*>(&eh), sizeof eh);
  if (in.gcount() < static_cast<std::streamsize>(EI_NIDENT) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
    bad("no ELF magic number");
  if (eh.e_ident[EI_CLASS] != ELFCLASS64)
    bad("not a 64-bit ELF file (this host is 64-bit)");
  if (static_cast<std::uint64_t>(in.gcount()) < sizeof eh)
    bad("truncated: " + bytes(size) + ", shorter than its ELF header");
  const unsigned char native_data = std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB;
  if (eh.e_ident[EI_DATA] != native_data) bad("ELF byte order differs from this host's");
  if (eh.e_type != ET_DYN) bad("not a shared library (ELF type " + std::to_string(eh.e_type) + ")");
  if (kMachine != EM_NONE && eh.e_machine != kMachine)
    bad("built for another processor (ELF machine " + std::to_string(eh.e_machine) + ", this host " +
        std::to_string(kMachine) + ")");
  // A file cut short still maps, and the first touch of a missing page kills the process with
  // SIGBUS: every table and every loaded segment must lie inside the file.
  if (eh.e_phnum == 0) bad("no program headers (nothing to load)");
  if (eh.e_phentsize != sizeof(Elf64_Phdr)) bad("program header size " + std::to_string(eh.e_phentsize));
  const std::uint64_t ph_end = table_end(eh.e_phoff, eh.e_phnum, eh.e_phentsize);
  if (ph_end == 0 || ph_end > size)
    bad("truncated: the program headers end at byte " + std::to_string(ph_end) + ", the file has " + bytes(size));
  if (eh.e_shnum > 0) {
    const std::uint64_t sh_end = table_end(eh.e_shoff, eh.e_shnum, eh.e_shentsize);
    if (sh_end == 0 || sh_end > size)
      bad("truncated: the section headers end at byte " + std::to_string(sh_end) + ", the file has " + bytes(size));
  }
  std::vector<Elf64_Phdr> ph(eh.e_phnum);
  in.seekg(static_cast<std::streamoff>(eh.e_phoff));
  in.read(reinterpret_cast<char*>(ph.data()), static_cast<std::streamsize>(ph.size() * sizeof(Elf64_Phdr)));
  if (!in) bad("cannot read its program headers");
  for (std::size_t i = 0; i < ph.size(); ++i) {
    if (ph[i].p_type != PT_LOAD && ph[i].p_type != PT_DYNAMIC) continue;
    const std::uint64_t end = ph[i].p_offset + ph[i].p_filesz;
    if (end < ph[i].p_offset || end > size)
      bad("truncated: segment " + std::to_string(i) + " ends at byte " + std::to_string(end) + ", the file has " +
          bytes(size));
  }
}

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
  check_library_file(file);
  std::error_code ec;
  // A path without a slash would make dlopen search the library path instead of this file.
  const std::filesystem::path absolute = std::filesystem::absolute(file, ec);
  dlerror();
  {
    const PluginCallScope scope("load (dlopen)");
    handle_ = dlopen((ec ? file : absolute).c_str(), RTLD_NOW | RTLD_LOCAL);
  }
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
    {
      const PluginCallScope scope(ALVH_PLUGIN_ENTRY_SYMBOL);
      descriptor_ = entry(ALVH_PLUGIN_ABI_VERSION);
    }
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
