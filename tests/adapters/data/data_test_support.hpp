#pragma once
// Shared helpers for the data adapter tests: fixture paths and DataError expectations.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "alvh/data/data_error.hpp"

namespace alvh::test {

inline std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(ALVH_TEST_FIXTURES_DIR) / "data" / name;
}

inline std::filesystem::path bundled(const std::string& name) {
  return std::filesystem::path(ALVH_TEST_DATA_DIR) / name;
}

// Runs `load`, requires a DataError at file/line/column whose reason contains `reason_part`.
template <class F>
void require_data_error(F&& load, const std::filesystem::path& file, std::size_t line,
                        std::size_t column, const std::string& reason_part) {
  try {
    load();
    FAIL("expected a DataError for " << file.string());
  } catch (const DataError& e) {
    INFO("what(): " << e.what());
    CHECK(e.file() == file.string());
    CHECK(e.line() == line);
    CHECK(e.column() == column);
    CHECK_THAT(e.reason(), Catch::Contains(reason_part));
    CHECK(std::string(e.what()) == file.string() + ":" + std::to_string(line) + ":" +
                                       std::to_string(column) + ": " + e.reason());
  }
}

}  // namespace alvh::test
