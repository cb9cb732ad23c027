#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "alvh/config/config_loader.hpp"
#include "alvh/config/rule_book_factory.hpp"
#include "alvh/core/signals/default_signals.hpp"
#include "alvh/core/signals/indicator_registry.hpp"

using namespace alvh;
using namespace alvh::config;

namespace {

const std::filesystem::path kDefaultFile = std::filesystem::path(ALVH_SOURCE_DIR) / "config" / "alvh.yaml";

AlvhConfig load_default() {
  const auto r = load_config(kDefaultFile);
  INFO(r.format_errors());
  REQUIRE(r.ok());
  return *r.config;
}

}  // namespace

TEST_CASE("the default configuration file loads without errors") {
  const AlvhConfig c = load_default();
  CHECK(c.schema_version == 1);
  CHECK(c.source == kDefaultFile);
  CHECK(c.rules.size() == 5);
  CHECK(c.signals.size() == 7);
}

TEST_CASE("the default data directory resolves relative to the configuration file") {
  const AlvhConfig c = load_default();
  CHECK(c.data.dir == (kDefaultFile.parent_path() / "../data").lexically_normal());
  CHECK(std::filesystem::exists(c.data.dir / "spx_daily.csv"));
  CHECK_FALSE(c.data.from.has_value());
  CHECK_FALSE(c.data.to.has_value());
}

TEST_CASE("the default signals include the registry's default signal set") {
  const AlvhConfig c = load_default();
  for (const auto& expected : default_signal_specs()) {
    CAPTURE(expected.name);
    const auto it = std::find_if(c.signals.begin(), c.signals.end(), [&](const SignalSpec& s) { return s.name == expected.name; });
    REQUIRE(it != c.signals.end());
    CHECK(it->indicator == expected.indicator);
    CHECK(it->source == expected.source);
    for (const auto& [k, v] : expected.params) CHECK(param_or_default(*it, k) == v);
  }
  const auto macd = std::find_if(c.signals.begin(), c.signals.end(), [](const SignalSpec& s) { return s.name == "macd_vix"; });
  CHECK(signal_columns(*macd) == std::vector<std::string>{"macd_vix.macd", "macd_vix.signal", "macd_vix.hist"});
}

TEST_CASE("the default file spells out the same values as the built-in defaults") {
  const AlvhConfig c = load_default();
  const AlvhConfig d;  // struct defaults
  // condor
  CHECK(c.condor.entry_minutes == d.condor.entry_minutes);
  CHECK(c.condor.short_delta == d.condor.short_delta);
  CHECK(c.condor.wing_width == d.condor.wing_width);
  CHECK(c.condor.min_credit == d.condor.min_credit);
  CHECK(c.condor.risk_budget == d.condor.risk_budget);
  CHECK(c.condor.max_quantity == d.condor.max_quantity);
  REQUIRE(c.condor.vix_tiers.size() == d.condor.vix_tiers.size());
  for (std::size_t i = 0; i < d.condor.vix_tiers.size(); ++i) {
    CHECK(c.condor.vix_tiers[i].vix_below == d.condor.vix_tiers[i].vix_below);
    CHECK(c.condor.vix_tiers[i].size_factor == d.condor.vix_tiers[i].size_factor);
    CHECK(c.condor.vix_tiers[i].label == d.condor.vix_tiers[i].label);
  }
  CHECK_FALSE(c.condor.stop_loss_multiple.has_value());
  CHECK_FALSE(c.condor.profit_target.has_value());
  // ladder
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(c.ladder.layers[i].target_dte == d.ladder.layers[i].target_dte);
    CHECK(c.ladder.layers[i].roll_floor_dte == d.ladder.layers[i].roll_floor_dte);
    CHECK(c.ladder.layers[i].contracts_per_unit == d.ladder.layers[i].contracts_per_unit);
    CHECK(c.ladder.layers[i].target_delta == d.ladder.layers[i].target_delta);
    CHECK(c.ladder.layers[i].beta == d.ladder.layers[i].beta);
  }
  CHECK(c.ladder.review_minutes == d.ladder.review_minutes);
  CHECK(c.ladder.sizing_mode == d.ladder.sizing_mode);
  CHECK(c.ladder.vix_point_ratio == d.ladder.vix_point_ratio);
  CHECK(c.ladder.condor_iv_beta == d.ladder.condor_iv_beta);
  REQUIRE(c.ladder.premium_tiers.size() == d.ladder.premium_tiers.size());
  for (std::size_t i = 0; i < d.ladder.premium_tiers.size(); ++i) {
    CHECK(c.ladder.premium_tiers[i].forward_at_most == d.ladder.premium_tiers[i].forward_at_most);
    CHECK(c.ladder.premium_tiers[i].monthly_fraction == d.ladder.premium_tiers[i].monthly_fraction);
  }
  CHECK(c.ladder.monetize_multiple == d.ladder.monetize_multiple);
  CHECK(c.ladder.monetize_vix == d.ladder.monetize_vix);
  CHECK(c.ladder.max_front_future_for_buys == d.ladder.max_front_future_for_buys);
  CHECK(c.ladder.establish_vix_below == d.ladder.establish_vix_below);
  CHECK(c.ladder.reestablish_vix_below == d.ladder.reestablish_vix_below);
  CHECK(c.ladder.reestablish_scale == d.ladder.reestablish_scale);
  CHECK(c.ladder.term_ratio_signal == d.ladder.term_ratio_signal);
  // risk
  CHECK(c.risk.max_contracts_per_order == d.risk.max_contracts_per_order);
  CHECK(c.risk.max_loss_per_condor == d.risk.max_loss_per_condor);
  CHECK(c.risk.daily_loss_limit == d.risk.daily_loss_limit);
  CHECK(c.risk.hedge_spend_limit_12m == d.risk.hedge_spend_limit_12m);
  // execution (DEFAULT #14)
  CHECK(c.execution.spxw_fee_per_contract == 1.25);
  CHECK(c.execution.vix_fee_per_contract == 1.15);
  CHECK(c.execution.spxw_slippage_per_leg == 0.05);
  CHECK(c.execution.spxw_slippage_per_leg == d.execution.spxw_slippage_per_leg);
  CHECK(c.execution.spxw_slippage_per_leg_high == d.execution.spxw_slippage_per_leg_high);
  CHECK(c.execution.vix_slippage_per_leg == d.execution.vix_slippage_per_leg);
  // adapters
  CHECK(c.adapters.zmq.command_endpoint == "tcp://127.0.0.1:5555");
  CHECK(c.adapters.zmq.event_endpoint == d.adapters.zmq.event_endpoint);
  CHECK_FALSE(c.adapters.zmq.curve_server_public_key.has_value());
  // report
  CHECK(c.report.crash_events == d.report.crash_events);
  CHECK(c.report.crash_events.size() == 11);
  CHECK(c.report.crash_threshold == -0.03);
  REQUIRE(c.report.windows.size() == 2);
  CHECK(c.report.windows[0].from == make_date(2020, 2, 20));
  CHECK(c.report.windows[0].to == make_date(2020, 3, 23));
  CHECK(c.report.windows[1].from == make_date(2008, 9, 15));
  CHECK(c.report.windows[1].to == make_date(2008, 11, 20));
  CHECK(c.report.cvar_levels == d.report.cvar_levels);
}

TEST_CASE("the default rules carry typed actions") {
  const AlvhConfig c = load_default();
  const auto& turbulence = c.rules[0];
  CHECK(turbulence.name == "turbulence_front_layer");
  CHECK(turbulence.on_missing == OnMissing::False);
  REQUIRE(turbulence.actions.size() == 1);
  const auto* ladder = std::get_if<SetLayerMultipliers>(&turbulence.actions[0]);
  REQUIRE(ladder != nullptr);
  CHECK(ladder->contracts[0] == 6.0);
  CHECK_FALSE(ladder->contracts[1].has_value());
  const auto& gate = c.rules[4];
  CHECK(gate.name == "condor_vix_gate");
  CHECK(gate.on_missing == OnMissing::Error);
  CHECK(std::holds_alternative<SkipCondor>(gate.actions.at(0)));
}

TEST_CASE("a minimal document takes every default") {
  const auto r = load_config_from_string("schema_version: 1\n", "minimal.yaml");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.config->signals.empty());
  CHECK(r.config->rules.empty());
  CHECK(r.config->data.dir == "../data");
  CHECK(r.config->execution.spxw_fee_per_contract == 1.25);
}

TEST_CASE("the example configurations load without errors") {
  const auto dir = std::filesystem::path(ALVH_SOURCE_DIR) / "config" / "examples";
  REQUIRE(std::filesystem::exists(dir));
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    const auto r = load_config(entry.path());
    INFO(entry.path().string() << "\n" << r.format_errors());
    CHECK(r.ok());
  }
}

TEST_CASE("the default configuration builds a rule book with one entry per rule") {
  const AlvhConfig c = load_default();
  const RuleBook book = build_rule_book(c);
  CHECK(book.size() == c.rules.size());
  CHECK(book.spec(0).name == "turbulence_front_layer");
}

TEST_CASE("the rules example in docs/config.md is a valid configuration") {
  std::ifstream in(std::filesystem::path(ALVH_SOURCE_DIR) / "docs" / "config.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto start = doc.find("```yaml\n");
  INFO("the document has no ```yaml block");
  REQUIRE(start != std::string::npos);
  const auto body = start + 8;
  const auto end = doc.find("```", body);
  const auto r = load_config_from_string("schema_version: 1\n" + doc.substr(body, end - body), "docs/config.md");
  INFO(r.format_errors());
  REQUIRE(r.ok());
  CHECK(r.config->rules.size() == 4);
}
