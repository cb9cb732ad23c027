#include <catch2/catch.hpp>

#include "alvh/config/config_loader.hpp"

using namespace alvh;
using namespace alvh::config;

namespace {

ConfigLoadResult load(const std::string& yaml) { return load_config_from_string(yaml, "test.yaml"); }

}  // namespace

TEST_CASE("an error formats as file, line, column, path and message") {
  const ConfigError e{"cfg.yaml", 3, 7, "rules[2].condition", "unknown signal column 'x'"};
  CHECK(e.format() == "cfg.yaml:3:7: rules[2].condition: unknown signal column 'x'");
  CHECK(ConfigError{"cfg.yaml", 1, 1, "", "empty document"}.format() == "cfg.yaml:1:1: empty document");
  CHECK(ConfigError{"cfg.yaml", 0, 0, "", "cannot open"}.format() == "cfg.yaml: cannot open");
}

TEST_CASE("a file that cannot be opened is one error without a position") {
  const ConfigLoadResult r = load_config("/nonexistent/alvh.yaml");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 0);
  CHECK(r.errors[0].format() == "/nonexistent/alvh.yaml: cannot open the configuration file");
}

TEST_CASE("errors from different sections are all collected and sorted by position") {
  const ConfigLoadResult r = load("schema_version: 1\n"         // 1
                                  "report:\n"                   // 2
                                  "  crash_threshold: 2\n"      // 3
                                  "data:\n"                     // 4
                                  "  dir: ''\n"                 // 5
                                  "  to: 2020-13-01\n"          // 6
                                  "execution:\n"                // 7
                                  "  mode: yolo\n");            // 8
  INFO(r.format_errors());
  REQUIRE(r.errors.size() == 4);
  CHECK(r.errors[0].path == "report.crash_threshold");
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[1].path == "data.dir");
  CHECK(r.errors[1].line == 5);
  CHECK(r.errors[1].column == 3);
  CHECK(r.errors[2].path == "data.to");
  CHECK(r.errors[2].line == 6);
  CHECK(r.errors[2].column == 7);
  CHECK(r.errors[3].path == "execution.mode");
  CHECK(r.errors[3].message == "'yolo' is not one of backtest, paper, live");
}

TEST_CASE("relative paths resolve against the base directory") {
  const std::string yaml =
      "schema_version: 1\n"
      "data: {dir: market}\n"
      "report: {output_dir: out}\n"
      "adapters:\n"
      "  zmq:\n"
      "    curve: {server_public_key_file: k/s.pub, client_public_key_file: k/c.pub, client_secret_key_file: /abs/c.key}\n";
  const ConfigLoadResult r = load_config_from_string(yaml, "x.yaml", "/etc/alvh");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.config->data.dir == "/etc/alvh/market");
  CHECK(r.config->report.output_dir == "/etc/alvh/out");
  CHECK(*r.config->adapters.zmq.curve_server_public_key == "/etc/alvh/k/s.pub");
  CHECK(*r.config->adapters.zmq.curve_client_secret_key == "/abs/c.key");
}

TEST_CASE("data dates must be ordered") {
  const ConfigLoadResult r = load("schema_version: 1\ndata: {from: 2021-01-01, to: 2020-01-01}\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "data.to");
  CHECK(r.errors[0].message == "must not be before data.from (2021-01-01)");
  const ConfigLoadResult ok = load("schema_version: 1\ndata: {from: 2020-01-01, to: 2021-06-30}\n");
  REQUIRE(ok.ok());
  CHECK(ok.config->data.from == make_date(2020, 1, 1));
  CHECK(ok.config->data.to == make_date(2021, 6, 30));
}

TEST_CASE("condition errors are located inside quoted and literal block scalars") {
  const std::string yaml =
      "schema_version: 1\n"                                   // 1
      "signals:\n"                                            // 2
      "  - {name: vix, indicator: sma, source: VIX}\n"        // 3
      "rules:\n"                                              // 4
      "  - name: a\n"                                         // 5
      "    condition: 'vix > 20 and vx > 1'\n"                // 6
      "    actions: [skip_condor]\n"                          // 7
      "  - name: b\n"                                         // 8
      "    condition: |\n"                                    // 9
      "      vix > 20\n"                                      // 10
      "        or vixx < 12\n"                                // 11
      "    actions: [skip_condor]\n";                         // 12
  const ConfigLoadResult r = load(yaml);
  INFO(r.format_errors());
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 6);
  CHECK(r.errors[0].column == 30);
  CHECK(r.errors[0].path == "rules[0].condition");
  CHECK(r.errors[0].message == "unknown signal column 'vx' (did you mean 'vix'?)");
  CHECK(r.errors[1].line == 11);
  CHECK(r.errors[1].column == 12);
  CHECK(r.errors[1].path == "rules[1].condition");
}

TEST_CASE("actions accept their short and long forms") {
  const std::string yaml =
      "schema_version: 1\n"
      "signals: [{name: vix, indicator: sma, source: VIX}]\n"
      "rules:\n"
      "  - name: r\n"
      "    condition: vix > 20\n"
      "    actions:\n"
      "      - skip_condor\n"
      "      - block_hedge_purchases:\n"
      "      - scale_condor: {factor: 0.5}\n"
      "      - scale_condor: 0.25\n"
      "      - monetize: back\n"
      "      - set_state: halted\n"
      "      - set_ladder: {mid: 5, back: 1}\n";
  const ConfigLoadResult r = load(yaml);
  INFO(r.format_errors());
  REQUIRE(r.ok());
  const auto& a = r.config->rules.at(0).actions;
  REQUIRE(a.size() == 7);
  CHECK(std::holds_alternative<SkipCondor>(a[0]));
  CHECK(std::holds_alternative<BlockHedgePurchases>(a[1]));
  CHECK(std::get<ScaleCondor>(a[2]).factor == 0.5);
  CHECK(std::get<ScaleCondor>(a[3]).factor == 0.25);
  CHECK(std::get<MonetizeLayer>(a[4]).layer == LadderLayer::Back);
  CHECK(std::get<SetTradingState>(a[5]).state == TradingState::Halted);
  const auto& ladder = std::get<SetLayerMultipliers>(a[6]);
  CHECK_FALSE(ladder.contracts[0].has_value());
  CHECK(ladder.contracts[1] == 5.0);
  CHECK(ladder.contracts[2] == 1.0);
  CHECK(r.config->rules[0].on_missing == OnMissing::Neutral);
}

TEST_CASE("an action without its argument is reported") {
  const ConfigLoadResult r = load(
      "schema_version: 1\nsignals: [{name: vix, indicator: sma, source: VIX}]\n"
      "rules: [{name: r, condition: vix > 1, actions: [monetize, skip_condor: 3]}]\n");
  INFO(r.format_errors());
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].path == "rules[0].actions[0].monetize");
  CHECK(r.errors[0].message == "monetize needs an argument");
  CHECK(r.errors[1].path == "rules[0].actions[1].skip_condor");
  CHECK(r.errors[1].message == "skip_condor takes no argument");
}

TEST_CASE("signal names must be identifiers that the condition language does not reserve") {
  const ConfigLoadResult r = load(
      "schema_version: 1\n"
      "signals:\n"
      "  - {name: rsi.vix, indicator: rsi, source: VIX}\n"
      "  - {name: prev, indicator: rsi, source: VIX}\n");
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].path == "signals[0].name");
  CHECK(r.errors[1].message == "'prev' is reserved by the condition language");
}

TEST_CASE("macd needs fast below slow") {
  const ConfigLoadResult r = load(
      "schema_version: 1\nsignals: [{name: m, indicator: macd, source: VIX, params: {fast: 30, slow: 26}}]\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "signals[0].params.fast");
  CHECK(r.errors[0].message == "fast must be less than slow");
}

TEST_CASE("integer parameters reject fractions") {
  const ConfigLoadResult r = load("schema_version: 1\nsignals: [{name: r, indicator: rsi, source: VIX, params: {period: 14.5}}]\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "signals[0].params.period");
  CHECK(r.errors[0].message == "expected a whole number, got '14.5'");
}

TEST_CASE("optional strategy parameters accept null and numbers") {
  const ConfigLoadResult r = load("schema_version: 1\ncondor: {stop_loss_multiple: 2.5, profit_target: ~, entry_time: '15:30'}\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.config->condor.stop_loss_multiple == 2.5);
  CHECK_FALSE(r.config->condor.profit_target.has_value());
  CHECK(r.config->condor.entry_minutes == 15 * 60 + 30);
}

TEST_CASE("condor vix tiers accept an open-ended last bound") {
  const ConfigLoadResult r = load(
      "schema_version: 1\ncondor:\n  vix_tiers:\n    - {vix_below: 18, size_factor: 1}\n    - {vix_below: .inf, size_factor: 0.5, short_delta: 0.05}\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  REQUIRE(r.config->condor.vix_tiers.size() == 2);
  CHECK(std::isinf(r.config->condor.vix_tiers[1].vix_below));
  CHECK(r.config->condor.vix_tiers[1].short_delta == 0.05);
}

TEST_CASE("infinite values are rejected where a finite number is required") {
  const ConfigLoadResult r = load("schema_version: 1\nrisk: {daily_loss_limit: .inf}\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "risk.daily_loss_limit");
}

TEST_CASE("non-loopback endpoints are accepted when explicitly allowed") {
  const ConfigLoadResult r = load(
      "schema_version: 1\nadapters:\n  zmq: {allow_non_loopback: true, command_endpoint: 'tcp://10.0.0.5:7000', event_endpoint: 'ipc:///tmp/alvh-events'}\n");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.config->adapters.zmq.command_endpoint == "tcp://10.0.0.5:7000");
}

TEST_CASE("an empty value is reported at its key, not at the next line") {
  const ConfigLoadResult r = load("schema_version: 1\ncondor:\ndata:\n  dir:\n  from:\n");
  INFO(r.format_errors());
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 1);
  CHECK(r.errors[0].message == "expected a mapping, got nothing");
  CHECK(r.errors[1].line == 4);
  CHECK(r.errors[1].column == 3);
  CHECK(r.errors[1].path == "data.dir");
}
