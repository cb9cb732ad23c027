#pragma once
// Checks a config load's errors one by one against the expected file, line, column, YAML path and
// message (whole, or a part of it). Shared by the config tests and the bad-input corpus.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "alvh/config/config_loader.hpp"

namespace alvh::config::test {

struct ExpectedError {
  int line;
  int column;
  std::string path;
  std::string message;
};

enum class MessageMatch { Whole, Part };

inline void check_errors_match(const ConfigLoadResult& r, const std::filesystem::path& file,
                               const std::vector<ExpectedError>& expected, MessageMatch match = MessageMatch::Part) {
  CHECK_FALSE(r.ok());
  REQUIRE(r.errors.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(r.errors[i].file == file.string());
    CHECK(r.errors[i].line == expected[i].line);
    CHECK(r.errors[i].column == expected[i].column);
    CHECK(r.errors[i].path == expected[i].path);
    if (match == MessageMatch::Whole)
      CHECK(r.errors[i].message == expected[i].message);
    else
      CHECK_THAT(r.errors[i].message, Catch::Contains(expected[i].message));
  }
}

// Loads tests/fixtures/config/broken/<name> and checks its errors.
inline void check_broken_fixture(const std::string& name, const std::vector<ExpectedError>& expected,
                                 MessageMatch match = MessageMatch::Part) {
  const auto file = std::filesystem::path(ALVH_TEST_FIXTURES_DIR) / "config" / "broken" / name;
  const ConfigLoadResult r = load_config(file);
  INFO(name << ":\n" << r.format_errors());
  check_errors_match(r, file, expected, match);
}

}  // namespace alvh::config::test
