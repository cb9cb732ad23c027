// A plug-in file that is not a complete library is refused before it is mapped, and a plug-in that
// crashes inside a callback is named, with the signal, on alvh-host's stderr.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "alvh/host/crash_handler.hpp"
#include "alvh/host/plugin_error.hpp"
#include "alvh/host/plugin_library.hpp"

#include "../support/child_process.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

const std::string kConfig = std::string(ALVH_SOURCE_DIR) + "/config/alvh.yaml";

// The first `bytes` bytes of the real plug-in, as a new file in `dir`.
fs::path truncated_plugin(const fs::path& dir, std::uintmax_t bytes) {
  const fs::path out = dir / ("truncated_" + std::to_string(bytes) + ".so");
  std::ifstream in(ALVH_PLUGIN_PATH, std::ios::binary);
  std::vector<char> buf(bytes);
  in.read(buf.data(), static_cast<std::streamsize>(bytes));
  std::ofstream(out, std::ios::binary).write(buf.data(), in.gcount());
  return out;
}

std::string load_error(const fs::path& file) {
  try {
    alvh::host::PluginLibrary lib(file);
  } catch (const alvh::host::PluginLoadError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the real plug-in passes the file check that runs before it is mapped") {
  CHECK_NOTHROW(alvh::host::check_library_file(ALVH_PLUGIN_PATH));
  CHECK_NOTHROW(alvh::host::check_library_file(ALVH_FIXTURE_CRASH_IN_CALLBACK));
}

TEST_CASE("a plug-in file cut short anywhere is refused with a message naming the truncation, not mapped") {
  const fs::path dir = alvh::test::fresh_dir("host", "truncated");
  const auto size = fs::file_size(ALVH_PLUGIN_PATH);
  for (const std::uintmax_t bytes : {std::uintmax_t{0}, std::uintmax_t{10}, std::uintmax_t{63}, std::uintmax_t{64},
                                     std::uintmax_t{4096}, size / 3, size / 2, size - 1}) {
    const fs::path file = truncated_plugin(dir, bytes);
    const std::string why = load_error(file);
    CAPTURE(bytes, size, why);
    CHECK_THAT(why, Contains(file.string() + " rejected: not a loadable shared library"));
    if (bytes >= 64) CHECK_THAT(why, Contains("truncated"));
  }
  fs::remove_all(dir);
}

TEST_CASE("alvh-host given a truncated plug-in exits 1 with the reason instead of dying of SIGBUS") {
  const fs::path dir = alvh::test::fresh_dir("host", "truncated-cli");
  const fs::path file = truncated_plugin(dir, fs::file_size(ALVH_PLUGIN_PATH) / 2);
  const int st = alvh::test::wait_for(alvh::test::spawn(
      {ALVH_HOST_PATH, "--plugin", file.string(), "--config", kConfig, "--from", "2024-01-02", "--to", "2024-01-05"},
      dir / "log"));
  const std::string log = alvh::test::slurp(dir / "log");
  INFO(log);
  REQUIRE(WIFEXITED(st));
  CHECK(WEXITSTATUS(st) == 1);
  CHECK_THAT(log, Contains("truncated: the section headers end at byte"));
  fs::remove_all(dir);
}

TEST_CASE("a plug-in that crashes in a callback kills alvh-host with its signal after a line naming the callback") {
  const fs::path dir = alvh::test::fresh_dir("host", "crash");
  const int st = alvh::test::wait_for(alvh::test::spawn({ALVH_HOST_PATH, "--plugin", ALVH_FIXTURE_CRASH_IN_CALLBACK,
                                                          "--strategy", "fixture", "--config", kConfig, "--from",
                                                          "2024-01-02", "--to", "2024-01-05"},
                                                         dir / "log"));
  const std::string log = alvh::test::slurp(dir / "log");
  INFO(log);
  REQUIRE(WIFSIGNALED(st));
  CHECK(WTERMSIG(st) == SIGSEGV);
  CHECK_THAT(log, Contains("alvh-host: fatal SIGSEGV in the plug-in's on_daily_bar callback"));
  CHECK(alvh::host::crashed_in_callback(log) == std::optional<std::string>("on_daily_bar"));
  fs::remove_all(dir);
}

TEST_CASE("the crash line is read back only when it names a callback") {
  using alvh::host::crashed_in_callback;
  CHECK(crashed_in_callback("progress\nalvh-host: fatal SIGBUS in the plug-in's on_chain callback\n") ==
        std::optional<std::string>("on_chain"));
  CHECK_FALSE(crashed_in_callback("alvh-host: fatal SIGSEGV outside any plug-in callback\n").has_value());
  CHECK_FALSE(crashed_in_callback("no crash here").has_value());
  CHECK_FALSE(crashed_in_callback("alvh-host: fatal SIGSEGV in the plug-in's on_ch").has_value());  // cut off
  // A signal another process sent is not a crash of the callback that happened to run.
  const std::string sent = "alvh-host: fatal SIGSEGV sent by another process (pid 812) while the plug-in ran on_chain\n";
  CHECK_FALSE(crashed_in_callback(sent).has_value());
  CHECK(alvh::host::signal_sender(sent) == std::optional<long>(812));
  CHECK_FALSE(alvh::host::signal_sender("alvh-host: fatal SIGSEGV in the plug-in's on_chain callback\n").has_value());
  CHECK(alvh::host::signal_name(SIGSEGV) == "SIGSEGV");
  CHECK(alvh::host::signal_name(SIGKILL) == "SIGKILL");
  CHECK(alvh::host::signal_name(200) == "signal 200");
}

TEST_CASE("a callback scope names the running callback and restores the outer one") {
  CHECK(alvh::host::current_plugin_callback() == nullptr);
  {
    const alvh::host::PluginCallScope outer("on_fill");
    CHECK(std::string(alvh::host::current_plugin_callback()) == "on_fill");
    {
      const alvh::host::PluginCallScope inner("save_state");
      CHECK(std::string(alvh::host::current_plugin_callback()) == "save_state");
    }
    CHECK(std::string(alvh::host::current_plugin_callback()) == "on_fill");
  }
  CHECK(alvh::host::current_plugin_callback() == nullptr);
}
