#include <catch2/catch.hpp>

#include <filesystem>

#include "alvh/config/condition_compiler.hpp"
#include "alvh/config/config_loader.hpp"
#include "alvh/config/rule_book_factory.hpp"
#include "alvh/core/rule_book.hpp"

using namespace alvh;
using namespace alvh::config;

namespace {

const std::set<std::string> kColumns = {"vix", "rsi_vix"};

std::unique_ptr<RuleCondition> cond(const std::string& text, OnMissing m) {
  CompiledCondition c = compile_condition(text, kColumns, m);
  REQUIRE(c.condition);
  return std::move(c.condition);
}

RuleSpec spec(std::string name, std::string condition, OnMissing m) {
  return RuleSpec{std::move(name), std::move(condition), {SkipCondor{}}, m};
}

AlvhConfig load_default() {
  const auto r = load_config(std::filesystem::path(ALVH_SOURCE_DIR) / "config" / "alvh.yaml");
  REQUIRE(r.ok());
  return *r.config;
}

}  // namespace

TEST_CASE("the rule book returns fired rules in configuration order with their actions") {
  RuleBook book;
  book.add(spec("gate", "vix > 20", OnMissing::Neutral), cond("vix > 20", OnMissing::Neutral));
  book.add(spec("calm", "vix < 15", OnMissing::Neutral), cond("vix < 15", OnMissing::Neutral));
  book.add(spec("hot", "rsi_vix > 60", OnMissing::Neutral), cond("rsi_vix > 60", OnMissing::Neutral));
  const RuleBookResult r = book.evaluate({{"vix", 25.0}, {"rsi_vix", 65.0}}, {});
  REQUIRE(r.fired.size() == 2);
  CHECK(r.fired[0].name == "gate");
  CHECK(r.fired[0].reason == "vix > 20 (25)");
  CHECK(std::holds_alternative<SkipCondor>(r.fired[0].actions.at(0)));
  CHECK(r.fired[1].name == "hot");
  CHECK(r.errors.empty());
  REQUIRE(r.evaluations.size() == 3);
  CHECK(r.evaluations[1].outcome.kind == RuleOutcome::Kind::False);
}

TEST_CASE("a missing input is an error only for on_missing error rules") {
  RuleBook book;
  book.add(spec("neutral", "vix > 20", OnMissing::Neutral), cond("vix > 20", OnMissing::Neutral));
  book.add(spec("strict", "vix > 20", OnMissing::Error), cond("vix > 20", OnMissing::Error));
  book.add(spec("lenient", "vix > 20 or rsi_vix > 60", OnMissing::False), cond("vix > 20 or rsi_vix > 60", OnMissing::False));
  const RuleBookResult r = book.evaluate({{"rsi_vix", 70.0}}, {});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].rule == "strict");
  CHECK(r.errors[0].message == "missing input: vix");
  REQUIRE(r.fired.size() == 1);
  CHECK(r.fired[0].name == "lenient");
  CHECK(r.fired[0].reason == "rsi_vix > 60 (70) [missing, counted as false: vix]");
  CHECK(r.evaluations[0].outcome.kind == RuleOutcome::Kind::Missing);
}

TEST_CASE("the rule book rejects duplicate names and null conditions") {
  RuleBook book;
  book.add(spec("gate", "vix > 20", OnMissing::Neutral), cond("vix > 20", OnMissing::Neutral));
  CHECK_THROWS_AS(book.add(spec("gate", "vix > 30", OnMissing::Neutral), cond("vix > 30", OnMissing::Neutral)),
                  std::invalid_argument);
  CHECK_THROWS_AS(book.add(spec("other", "vix > 30", OnMissing::Neutral), nullptr), std::invalid_argument);
}

TEST_CASE("the default turbulence rule raises the front layer on a turbulent day and says why") {
  const RuleBook book = build_rule_book(load_default());
  // Score 3 of 4: MACD above signal with rising histogram, RSI(VIX) 65, RSI(SPX) 35; no breadth.
  const SignalValues today = {{"macd_vix.macd", 1.2}, {"macd_vix.signal", 0.8}, {"macd_vix.hist", 0.4},
                              {"rsi_vix", 65.0},      {"rsi_spx", 35.0},        {"term_ratio", 0.95},
                              {"term_slope", 0.05},   {"vix", 24.0}};
  const SignalValues yesterday = {{"macd_vix.hist", 0.1}};
  const RuleBookResult r = book.evaluate(today, yesterday);
  INFO(r.evaluations[0].outcome.reason);
  CHECK(r.errors.empty());
  REQUIRE(r.fired.size() == 2);
  CHECK(r.fired[0].name == "turbulence_front_layer");
  CHECK(r.fired[0].reason ==
        "(macd_vix.macd > macd_vix.signal and macd_vix.hist > prev(macd_vix.hist)) + (rsi_vix > 60) + "
        "(rsi_spx < 40) + (adl.line < adl.ema) >= 2 (3) [missing, counted as false: adl.line, adl.ema]");
  CHECK(std::get<SetLayerMultipliers>(r.fired[0].actions.at(0)).contracts[0] == 6.0);
  CHECK(r.fired[1].name == "condor_vix_gate");
}

TEST_CASE("the default rules fire on backwardation alone and stay quiet on a calm day") {
  const RuleBook book = build_rule_book(load_default());
  const SignalValues calm = {{"macd_vix.macd", 0.1}, {"macd_vix.signal", 0.3}, {"macd_vix.hist", -0.2},
                             {"rsi_vix", 40.0},      {"rsi_spx", 60.0},        {"adl.line", 5000.0},
                             {"adl.ema", 4000.0},    {"term_ratio", 0.90},     {"term_slope", 0.11},
                             {"vix", 13.0}};
  const SignalValues calm_prev = {{"macd_vix.hist", -0.1}};
  const RuleBookResult quiet = book.evaluate(calm, calm_prev);
  REQUIRE(quiet.fired.size() == 1);
  CHECK(quiet.fired[0].name == "calm_contango_base_ladder");

  SignalValues inverted = calm;
  inverted["term_ratio"] = 1.03;
  inverted["term_slope"] = -0.03;
  const RuleBookResult r = book.evaluate(inverted, calm_prev);
  REQUIRE(r.fired.size() == 1);
  CHECK(r.fired[0].name == "turbulence_front_layer");
  CHECK(r.fired[0].reason == "term_ratio >= 1 (1.03)");
}

TEST_CASE("a condition that does not compile makes build_rule_book throw") {
  AlvhConfig c;
  c.rules.push_back(spec("bad", "nope > 1", OnMissing::Neutral));
  CHECK_THROWS_AS(build_rule_book(c), std::invalid_argument);
}
