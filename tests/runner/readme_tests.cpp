// The README's examples must keep working: the rules example validates as written.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "alvh/config/config_loader.hpp"

TEST_CASE("the README's configuration example is a valid config") {
  std::ifstream in(std::string(ALVH_SOURCE_DIR) + "/README.md");
  REQUIRE(in);
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  const auto start = text.find("```yaml\nsignals:");
  INFO("README.md: no ```yaml block starting with 'signals:', or it is not closed");
  REQUIRE(start != std::string::npos);
  const auto body = start + 8;
  const auto end = text.find("```", body);
  REQUIRE(end != std::string::npos);
  const std::string yaml = "schema_version: 1\n" + text.substr(body, end - body);
  INFO(yaml);
  auto result = alvh::config::load_config_from_string(yaml, "README.md example");
  INFO(result.format_errors());
  CHECK(result.ok());
  REQUIRE(result.config);
  CHECK(result.config->rules.size() == 2);
}
