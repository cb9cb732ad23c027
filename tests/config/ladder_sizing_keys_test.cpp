// ladder.sizing_mode, vega_ratio, fractional and exit_policy: read from the strategies' name tables,
// bad values reported at file:line:column with the key's path.
#include <catch2/catch.hpp>

#include "alvh/config/config_loader.hpp"

using namespace alvh;
using namespace alvh::config;

namespace {

ConfigLoadResult load(const std::string& yaml) { return load_config_from_string(yaml, "test.yaml"); }

}  // namespace

TEST_CASE("the ladder's sizing, fractional and exit-policy keys are read") {
  const ConfigLoadResult r = load("schema_version: 1\n"
                                  "ladder:\n"
                                  "  sizing_mode: vix_point_ratio\n"
                                  "  vega_ratio: 0.25\n"
                                  "  fractional: false\n"
                                  "  exit_policy: monetize\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.config->ladder.sizing_mode == strategies::HedgeSizingMode::VixPointRatio);
  CHECK(r.config->ladder.vega_ratio == 0.25);
  CHECK_FALSE(r.config->ladder.fractional);
  CHECK(r.config->ladder.exit_policy == strategies::LadderExitPolicy::Monetize);
  // Defaults of the study: vega ratio 1:5, fractional contracts, hold.
  const ConfigLoadResult d = load("schema_version: 1\n");
  REQUIRE(d.ok());
  CHECK(d.config->ladder.sizing_mode == strategies::HedgeSizingMode::VegaRatio);
  CHECK(d.config->ladder.fractional);
  CHECK(d.config->ladder.exit_policy == strategies::LadderExitPolicy::Hold);
}

TEST_CASE("an unknown sizing mode or exit policy and a vega ratio outside 1:8..1:3 name the key and the choices") {
  const ConfigLoadResult r = load("schema_version: 1\n"    // 1
                                  "ladder:\n"              // 2
                                  "  sizing_mode: vega\n"  // 3
                                  "  vega_ratio: 0.5\n"    // 4
                                  "  exit_policy: sell\n");  // 5
  INFO(r.format_errors());
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].path == "ladder.sizing_mode");
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].message == "'vega' is not one of vega_ratio, vix_point_ratio, fixed_units, premium_budget, gap_cover");
  CHECK(r.errors[1].path == "ladder.vega_ratio");
  CHECK(r.errors[1].line == 4);
  CHECK_THAT(r.errors[1].message, Catch::Matchers::Contains("must be in [0.125, 0.333] (1:8 .. 1:3), got 0.5"));
  CHECK(r.errors[2].path == "ladder.exit_policy");
  CHECK(r.errors[2].line == 5);
  CHECK(r.errors[2].message == "'sell' is not one of hold, monetize");
}
