// Hostile nesting must become a compile error, not a stack overflow (found by tests/fuzz).
#include <catch2/catch.hpp>

#include "alvh/config/condition_compiler.hpp"

using Catch::Matchers::Contains;

using namespace alvh;

TEST_CASE("a condition nested thousands of levels deep is rejected with an error, not a crash") {
  const std::set<std::string> columns{"vix"};
  for (const auto& [label, text] : std::vector<std::pair<std::string, std::string>>{
           {"parentheses", std::string(20000, '(') + "vix > 1" + std::string(20000, ')')},
           {"not chain", [] {
              std::string s;
              for (int i = 0; i < 20000; ++i) s += "not ";
              return s + "vix > 1";
            }()}}) {
    INFO(label << ", " << text.size() << " characters");
    auto c = config::compile_condition(text, columns, OnMissing::Neutral);
    REQUIRE_FALSE(c.errors.empty());
    CHECK(c.condition == nullptr);
    CHECK_THAT(c.errors.front().message, Contains("nested deeper than 64"));
  }
}

TEST_CASE("a condition nested 60 levels deep still compiles") {
  const std::set<std::string> columns{"vix"};
  const std::string text = std::string(60, '(') + "vix > 1" + std::string(60, ')');
  auto c = config::compile_condition(text, columns, OnMissing::Neutral);
  INFO(text);
  CHECK(c.errors.empty());
}
