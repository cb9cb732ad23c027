// config::backtest_settings: the report section's event thresholds reach the replay.
#include <catch2/catch.hpp>

#include "alvh/config/config_loader.hpp"
#include "alvh/config/replay_settings.hpp"

using namespace alvh;

TEST_CASE("the report's drop, gap and VIX-jump thresholds reach the backtest settings") {
  const auto r = config::load_config_from_string("schema_version: 1\n"
                                                 "report:\n"
                                                 "  crash_threshold: -0.04\n"
                                                 "  gap_threshold: -0.025\n"
                                                 "  vix_jump_threshold: 0.5\n",
                                                 "test.yaml");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const backtest::BacktestSettings s = config::backtest_settings(*r.config);
  CHECK(s.crash_threshold == -0.04);
  REQUIRE(s.gap_threshold);
  CHECK(*s.gap_threshold == -0.025);
  REQUIRE(s.vix_jump_threshold);
  CHECK(*s.vix_jump_threshold == 0.5);
}
