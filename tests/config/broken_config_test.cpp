// The corpus in tests/fixtures/config/broken/: each file breaks the schema in one way and the
// loader must report every problem at its exact line, column and YAML path.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "alvh/config/config_loader.hpp"
#include "../support/config_errors.hpp"

using namespace alvh::config;

namespace {

using Expected = alvh::config::test::ExpectedError;

void check_errors(const std::string& name, const std::vector<Expected>& expected) {
  alvh::config::test::check_broken_fixture(name, expected);
}

}  // namespace

TEST_CASE("a YAML syntax error is reported where yaml-cpp stopped") {
  check_errors("syntax_error.yaml", {{7, 6, "", "YAML syntax error: end of map flow not found"}});
}

TEST_CASE("a missing schema_version is reported at the top-level mapping") {
  check_errors("missing_schema_version.yaml", {{2, 1, "schema_version", "missing required key 'schema_version'"}});
}

TEST_CASE("an unsupported schema_version stops validation at the version") {
  check_errors("unsupported_schema_version.yaml",
               {{1, 17, "schema_version", "unsupported schema_version 2 (this build reads 1)"}});
}

TEST_CASE("an empty document is reported at its start") {
  check_errors("empty_document.yaml", {{1, 1, "", "empty document"}});
}

TEST_CASE("unknown keys are reported at the key with a suggestion") {
  check_errors("unknown_keys.yaml", {
                                        {4, 3, "data.form", "unknown key 'form' (did you mean 'from'?)"},
                                        {6, 3, "condor.wing_widht", "(did you mean 'wing_width'?)"},
                                        {7, 1, "colour", "unknown key 'colour'"},
                                    });
}

TEST_CASE("values of the wrong type are reported at the value") {
  check_errors("wrong_types.yaml", {
                                       {3, 9, "data.from", "expected a date YYYY-MM-DD, got 'last tuesday'"},
                                       {5, 15, "condor.wing_width", "expected a number, got 'wide'"},
                                       {6, 15, "condor.entry_time", "expected a time HH:MM"},
                                       {9, 14, "adapters.zmq.enabled", "expected true or false, got 'maybe'"},
                                       {10, 10, "signals", "expected a list of signals"},
                                   });
}

TEST_CASE("out-of-range values are reported with the admissible range") {
  check_errors("out_of_range.yaml", {
                                        {6, 22, "signals[0].params.period", "must be in [2, 10000], got 0"},
                                        {8, 16, "condor.short_delta", "must be in (0, 0.5), got 0.7"},
                                        {11, 24, "execution.fees.spxw_per_contract", "must be in [0, 100], got -1.25"},
                                        {13, 20, "report.crash_threshold", "must be in (-1, 0), got 0.03"},
                                    });
}

TEST_CASE("strategy parameter checks point at the offending YAML key") {
  check_errors("ladder_out_of_range.yaml",
               {
                   {4, 44, "ladder.layers.mid.roll_floor_dte", "must be in [0, target_dte), got 120"},
                   {5, 22, "ladder.reestablish_scale", "must be in (0, 1], got 1.5"},
                   {6, 22, "ladder.term_ratio_signal", "'vx_ratio' is not a column of any signal"},
               });
}

TEST_CASE("an undefined column inside a folded condition is located on its own line") {
  check_errors("unknown_column.yaml",
               {{13, 11, "rules[0].condition",
                 "signal 'macd_vix' has no column 'histogram'; its columns are macd_vix.hist, macd_vix.macd, macd_vix.signal"}});
}

TEST_CASE("a condition muparser cannot parse carries its message and position") {
  check_errors("unparsable_condition.yaml", {{9, 23, "rules[0].condition", "Unexpected operator \">\""}});
}

TEST_CASE("duplicate signal names, rule names and keys are all reported") {
  check_errors("duplicate_names.yaml", {
                                           {6, 11, "signals[1].name", "duplicate signal name 'vix' (first defined at line 3)"},
                                           {13, 11, "rules[1].name", "duplicate rule name 'gate' (first defined at line 10)"},
                                           {18, 3, "risk.daily_loss_limit", "duplicate key 'daily_loss_limit' (first at line 17)"},
                                       });
}

TEST_CASE("an unknown indicator is reported once, not again in the conditions that use it") {
  check_errors("unknown_indicator.yaml",
               {{4, 16, "signals[0].indicator", "unknown indicator 'macdd' (did you mean 'macd'?)"}});
}

TEST_CASE("sources are checked against the indicator's kind of input") {
  check_errors("bad_sources.yaml", {
                                       {5, 13, "signals[0].source", "'NYSE' is not a price series"},
                                       {8, 13, "signals[1].source", "must be \"A/B\" with two price series"},
                                       {11, 13, "signals[2].source", "indicator 'adl' reads NYSE, got 'SPX'"},
                                   });
}

TEST_CASE("every broken action of a rule is reported") {
  check_errors("bad_actions.yaml",
               {
                   {10, 9, "rules[0].actions[0].monetise", "unknown action 'monetise' (did you mean 'monetize'?)"},
                   {11, 32, "rules[0].actions[1].set_ladder.far", "unknown key 'far'"},
                   {12, 19, "rules[0].actions[2].monetize", "'middle' is not one of front, mid, back"},
                   {13, 23, "rules[0].actions[3].scale_condor", "must be in [0, 4], got 9"},
                   {14, 20, "rules[0].actions[4].set_state", "'paused' is not one of active, reducing, halted"},
                   {17, 14, "rules[1].actions", "a rule needs at least one action"},
               });
}

TEST_CASE("endpoints off loopback and partial CURVE keys are rejected") {
  check_errors("non_loopback_endpoint.yaml",
               {
                   {4, 23, "adapters.zmq.command_endpoint", "'0.0.0.0' is not a loopback address"},
                   {5, 21, "adapters.zmq.event_endpoint", "missing port in 'tcp://127.0.0.1'"},
                   {7, 7, "adapters.zmq.curve", "give all three key files or none"},
               });
}

TEST_CASE("missing required keys are reported at the mapping that lacks them") {
  check_errors("missing_required.yaml", {
                                            {3, 5, "signals[0].name", "missing required key 'name'"},
                                            {6, 5, "rules[0].condition", "missing required key 'condition'"},
                                        });
}

TEST_CASE("the corpus has a test for every broken file") {
  const auto dir = std::filesystem::path(ALVH_TEST_FIXTURES_DIR) / "config" / "broken";
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.path().extension() == ".yaml";
  CHECK(files == 21);  // market_data_*.yaml are checked in market_data_config_test.cpp
}
