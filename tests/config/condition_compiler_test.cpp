#include <catch2/catch.hpp>

#include "alvh/config/condition_compiler.hpp"

using Catch::Matchers::Contains;

using namespace alvh;
using namespace alvh::config;

namespace {

const std::set<std::string> kColumns = {"macd_vix.macd", "macd_vix.signal", "macd_vix.hist", "rsi_vix", "rsi_spx",
                                        "adl.line",      "adl.ema",         "term_ratio",    "vix"};

std::unique_ptr<RuleCondition> compile(const std::string& text, OnMissing on_missing = OnMissing::Neutral) {
  CompiledCondition c = compile_condition(text, kColumns, on_missing);
  INFO(text);
  for (const auto& e : c.errors) INFO(e.offset << ": " << e.message);
  REQUIRE(c.errors.empty());
  REQUIRE(c.condition);
  return std::move(c.condition);
}

ConditionError single_error(const std::string& text) {
  CompiledCondition c = compile_condition(text, kColumns, OnMissing::Neutral);
  INFO(text);
  REQUIRE(c.errors.size() == 1);
  CHECK_FALSE(c.condition);
  return c.errors[0];
}

}  // namespace

TEST_CASE("a condition fires and names every true clause of a conjunction with its value") {
  auto c = compile("macd_vix.hist > 0 and rsi_spx < 40");
  const SignalValues today = {{"macd_vix.hist", 0.42}, {"rsi_spx", 35.1}};
  const RuleOutcome o = c->evaluate(today, {});
  CHECK(o.kind == RuleOutcome::Kind::True);
  CHECK(o.reason == "macd_vix.hist > 0 (0.42) and rsi_spx < 40 (35.1)");
}

TEST_CASE("a disjunction reports only the clauses that were true") {
  auto c = compile("rsi_vix > 60 or term_ratio >= 1");
  const RuleOutcome o = c->evaluate({{"rsi_vix", 55.0}, {"term_ratio", 1.04}}, {});
  CHECK(o.kind == RuleOutcome::Kind::True);
  CHECK(o.reason == "term_ratio >= 1 (1.04)");
}

TEST_CASE("a condition that is not met says which clauses failed") {
  auto c = compile("macd_vix.hist > 0 and rsi_spx < 40");
  const RuleOutcome o = c->evaluate({{"macd_vix.hist", 0.42}, {"rsi_spx", 45.0}}, {});
  CHECK(o.kind == RuleOutcome::Kind::False);
  CHECK(o.reason == "not met: rsi_spx < 40 (45)");
}

TEST_CASE("and binds tighter than or, as in the usual precedence") {
  // Read as: a or (b and c). muparser alone would be asked nothing about precedence.
  auto c = compile("rsi_vix > 60 or rsi_spx < 40 and vix > 30");
  CHECK(c->evaluate({{"rsi_vix", 70.0}, {"rsi_spx", 50.0}, {"vix", 10.0}}, {}).kind == RuleOutcome::Kind::True);
  CHECK(c->evaluate({{"rsi_vix", 50.0}, {"rsi_spx", 30.0}, {"vix", 10.0}}, {}).kind == RuleOutcome::Kind::False);
  CHECK(c->evaluate({{"rsi_vix", 50.0}, {"rsi_spx", 30.0}, {"vix", 31.0}}, {}).kind == RuleOutcome::Kind::True);
}

TEST_CASE("not negates the rest of its clause") {
  auto c = compile("not vix > 20 and rsi_vix > 50");
  CHECK(c->evaluate({{"vix", 15.0}, {"rsi_vix", 55.0}}, {}).kind == RuleOutcome::Kind::True);
  CHECK(c->evaluate({{"vix", 25.0}, {"rsi_vix", 55.0}}, {}).kind == RuleOutcome::Kind::False);
  auto p = compile("not (vix > 20 or rsi_vix > 50)");
  CHECK(p->evaluate({{"vix", 15.0}, {"rsi_vix", 45.0}}, {}).kind == RuleOutcome::Kind::True);
  CHECK(p->evaluate({{"vix", 15.0}, {"rsi_vix", 55.0}}, {}).kind == RuleOutcome::Kind::False);
}

TEST_CASE("crosses_above fires only on the day the value crosses the level") {
  auto c = compile("crosses_above(rsi_vix, 60)");
  const SignalValues before = {{"rsi_vix", 58.0}};
  const RuleOutcome crossing = c->evaluate({{"rsi_vix", 61.2}}, before);
  CHECK(crossing.kind == RuleOutcome::Kind::True);
  CHECK(crossing.reason == "crosses_above(rsi_vix, 60) (rsi_vix=61.2, prev(rsi_vix)=58)");
  CHECK(c->evaluate({{"rsi_vix", 62.0}}, {{"rsi_vix", 61.2}}).kind == RuleOutcome::Kind::False);  // already above
  CHECK(c->evaluate({{"rsi_vix", 59.0}}, before).kind == RuleOutcome::Kind::False);
  CHECK(c->evaluate({{"rsi_vix", 61.0}}, {{"rsi_vix", 60.0}}).kind == RuleOutcome::Kind::True);  // from exactly 60
}

TEST_CASE("crosses_below compares two columns today and the previous day") {
  auto c = compile("crosses_below(macd_vix.macd, macd_vix.signal)");
  const SignalValues prev = {{"macd_vix.macd", 1.0}, {"macd_vix.signal", 0.5}};
  CHECK(c->evaluate({{"macd_vix.macd", 0.4}, {"macd_vix.signal", 0.6}}, prev).kind == RuleOutcome::Kind::True);
  CHECK(c->evaluate({{"macd_vix.macd", 0.7}, {"macd_vix.signal", 0.6}}, prev).kind == RuleOutcome::Kind::False);
}

TEST_CASE("prev reads the previous day's value of an expression") {
  auto c = compile("macd_vix.hist > prev(macd_vix.hist)");
  CHECK(c->evaluate({{"macd_vix.hist", 0.3}}, {{"macd_vix.hist", 0.2}}).kind == RuleOutcome::Kind::True);
  CHECK(c->evaluate({{"macd_vix.hist", 0.1}}, {{"macd_vix.hist", 0.2}}).kind == RuleOutcome::Kind::False);
}

TEST_CASE("a score summed from boolean clauses is reported with its value") {
  auto c = compile("(rsi_vix > 60) + (rsi_spx < 40) + (adl.line < adl.ema) >= 2 or term_ratio >= 1");
  const SignalValues today = {{"rsi_vix", 65.0}, {"rsi_spx", 35.0}, {"adl.line", 10.0}, {"adl.ema", 5.0}, {"term_ratio", 0.9}};
  const RuleOutcome o = c->evaluate(today, {});
  CHECK(o.kind == RuleOutcome::Kind::True);
  CHECK(o.reason == "(rsi_vix > 60) + (rsi_spx < 40) + (adl.line < adl.ema) >= 2 (2)");
}

TEST_CASE("a missing input makes a neutral condition report Missing") {
  auto c = compile("rsi_vix > 60 or adl.line < adl.ema", OnMissing::Neutral);
  const RuleOutcome o = c->evaluate({{"rsi_vix", 70.0}, {"adl.line", std::nullopt}}, {});
  CHECK(o.kind == RuleOutcome::Kind::Missing);
  CHECK(o.reason == "missing input: adl.line, adl.ema");
}

TEST_CASE("a missing previous value is reported as prev(column)") {
  auto c = compile("crosses_above(rsi_vix, 60)", OnMissing::Error);
  const RuleOutcome o = c->evaluate({{"rsi_vix", 70.0}}, {});
  CHECK(o.kind == RuleOutcome::Kind::Missing);
  CHECK(o.reason == "missing input: prev(rsi_vix)");
}

TEST_CASE("with on_missing false only the clauses reading a missing input count as false") {
  auto c = compile("(rsi_vix > 60) + (rsi_spx < 40) + (adl.line < adl.ema) >= 2", OnMissing::False);
  const SignalValues no_breadth = {{"rsi_vix", 65.0}, {"rsi_spx", 35.0}};
  const RuleOutcome fired = c->evaluate(no_breadth, {});
  CHECK(fired.kind == RuleOutcome::Kind::True);
  CHECK(fired.reason == "(rsi_vix > 60) + (rsi_spx < 40) + (adl.line < adl.ema) >= 2 (2) "
                        "[missing, counted as false: adl.line, adl.ema]");
  const RuleOutcome not_fired = c->evaluate({{"rsi_vix", 65.0}, {"rsi_spx", 45.0}}, {});
  CHECK(not_fired.kind == RuleOutcome::Kind::False);
  // The clause itself counts as false, so its negation is true.
  auto n = compile("not (adl.line < adl.ema)", OnMissing::False);
  CHECK(n->evaluate({}, {}).kind == RuleOutcome::Kind::True);
}

TEST_CASE("NaN inputs are treated as missing") {
  auto c = compile("vix > 20");
  CHECK(c->evaluate({{"vix", std::nan("")}}, {}).kind == RuleOutcome::Kind::Missing);
}

TEST_CASE("the compiler lists the columns a condition reads") {
  const CompiledCondition c = compile_condition("crosses_above(rsi_vix, 60) and vix > 20", kColumns, OnMissing::Neutral);
  CHECK(c.columns == std::vector<std::string>{"rsi_vix", "vix"});
  CHECK(c.reads_previous);
}

TEST_CASE("an unknown column is reported at its offset with a suggestion") {
  const ConditionError e = single_error("vix > 20 and rsi_vx < 40");
  CHECK(e.offset == 13);
  CHECK(e.message == "unknown signal column 'rsi_vx' (did you mean 'rsi_vix'?)");
}

TEST_CASE("a signal with several columns must be used with a field") {
  const ConditionError e = single_error("macd_vix > 0");
  CHECK(e.offset == 0);
  CHECK(e.message == "signal 'macd_vix' has several columns; use one of macd_vix.hist, macd_vix.macd, macd_vix.signal");
}

TEST_CASE("every unknown column of a condition is reported") {
  const CompiledCondition c = compile_condition("foo > 1 and bar < 2", kColumns, OnMissing::Neutral);
  REQUIRE(c.errors.size() == 2);
  CHECK(c.errors[0].offset == 0);
  CHECK(c.errors[1].offset == 12);
}

TEST_CASE("syntax errors carry muparser's message at the source position") {
  const ConditionError e = single_error("vix > > 20");
  CHECK(e.offset == 6);
  CHECK_THAT(e.message, Contains("Unexpected operator"));
}

TEST_CASE("structural errors are reported by the condition parser") {
  CHECK(single_error("(vix > 20").message == "missing ')' for this '('");
  CHECK(single_error("vix > 20)").offset == 8);
  CHECK(single_error("vix > 20 and").message == "expected an expression");
  CHECK(single_error("vix = 20").message == "unexpected '=': use '==' to compare");
  CHECK(single_error("vix > 20 and vix < 30 $").offset == 22);
  CHECK(single_error("prev(prev(vix)) > 1").message == "prev() cannot be nested: only the previous day is kept");
  CHECK(single_error("crosses_above(vix) ").message == "crosses_above() takes exactly two arguments");
  CHECK(single_error("frobnicate(vix) > 1").message.rfind("unknown function 'frobnicate'", 0) == 0);
  CHECK(single_error("prev > 1").message == "'prev' is a function; call it with parentheses");
}

TEST_CASE("arithmetic functions and ternaries are available") {
  auto c = compile("abs(macd_vix.hist) > 0.5 and max(rsi_vix, rsi_spx) < 70");
  CHECK(c->evaluate({{"macd_vix.hist", -0.6}, {"rsi_vix", 50.0}, {"rsi_spx", 60.0}}, {}).kind == RuleOutcome::Kind::True);
}

TEST_CASE("reserved words cannot name signals") {
  CHECK(is_reserved_condition_word("prev"));
  CHECK(is_reserved_condition_word("max"));
  CHECK(is_reserved_condition_word("and"));
  CHECK_FALSE(is_reserved_condition_word("vix"));
}

TEST_CASE("adjacent values are a syntax error, never merged into one number") {
  const ConditionError e = single_error("vix > 20 20");
  CHECK(e.offset == 9);
  CHECK(e.message == "Unexpected value \"20\"");
}
