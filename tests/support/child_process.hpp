#pragma once
// Test helpers for end-to-end tests that run the real executables as child processes:
// a fresh scratch directory, spawning with output to a log file, waiting, and reading files back.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "poll_until.hpp"

extern char** environ;

namespace alvh::test {

// An empty directory unique to this test process: <tmp>/alvh-<prefix>-test-<pid>-<name>.
inline std::filesystem::path fresh_dir(const std::string& prefix, const std::string& name) {
  const auto d = std::filesystem::temp_directory_path() /
                 ("alvh-" + prefix + "-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

// Starts args[0] with stdout and stderr appended to `log`.
inline pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  REQUIRE(rc == 0);
  return pid;
}

// The raw wait status of `pid`.
inline int wait_for(pid_t pid) {
  int st = 0;
  ::waitpid(pid, &st, 0);
  return st;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Polls a child's log until it contains `text` (its "ready" line, say); false after `limit`.
inline bool wait_for_log(const std::filesystem::path& log, const std::string& text, std::chrono::milliseconds limit) {
  return poll_until([&] { return slurp(log).find(text) != std::string::npos; }, limit, std::chrono::milliseconds(20));
}

}  // namespace alvh::test
