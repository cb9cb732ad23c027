// RuleCondition backed by muparser. The translator has already resolved and/or/not, prev() and
// crossings; muparser evaluates the arithmetic and comparisons.
#include <muParser.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <regex>
#include <utility>

#include "alvh/config/condition_compiler.hpp"
#include "condition_translator.hpp"

namespace alvh::config {
namespace {

using detail::Clause;
using detail::TranslatedCondition;

constexpr const char* kNameChars = "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.";

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

class MuparserCondition final : public RuleCondition {
 public:
  MuparserCondition(TranslatedCondition t, OnMissing on_missing)
      : t_(std::move(t)), on_missing_(on_missing), slots_(t_.vars.size() + t_.flags.size(), 0.0) {
    for (const auto& c : t_.clauses) {
      clause_parsers_.push_back(make_parser(c.mu_text));
      lhs_parsers_.push_back(c.lhs_mu_text.empty() ? nullptr : make_parser(c.lhs_mu_text));
    }
  }

  // Parses eagerly so syntax errors surface at configuration time (muparser parses on first Eval).
  void check_syntax() const {
    for (const auto& p : clause_parsers_) p->Eval();
    for (const auto& p : lhs_parsers_) if (p) p->Eval();
  }

  RuleOutcome evaluate(const SignalValues& today, const SignalValues& previous) const override {
    std::string missing;
    std::vector<bool> absent(t_.vars.size(), false);
    for (std::size_t i = 0; i < t_.vars.size(); ++i) {
      const auto& v = t_.vars[i];
      const SignalValues& src = v.previous ? previous : today;
      const auto it = src.find(v.column);
      if (it == src.end() || !it->second || std::isnan(*it->second)) {
        absent[i] = true;
        slots_[i] = std::numeric_limits<double>::quiet_NaN();
        missing += (missing.empty() ? "" : ", ") + (v.previous ? "prev(" + v.column + ")" : v.column);
      } else {
        slots_[i] = *it->second;
      }
    }
    if (!missing.empty() && on_missing_ != OnMissing::False) {
      return {RuleOutcome::Kind::Missing, "missing input: " + missing};
    }
    for (std::size_t f = 0; f < t_.flags.size(); ++f) {
      bool any = false;
      for (std::size_t v : t_.flags[f].vars) any = any || absent[v];
      slots_[t_.vars.size() + f] = any ? 1.0 : 0.0;
    }
    try {
      const double value = clause_parsers_[0]->Eval();
      if (std::isnan(value)) return {RuleOutcome::Kind::Error, "condition evaluated to NaN"};
      const bool fired = value != 0.0;
      std::string reason = fired ? explain_true(0) : "not met: " + explain_false(0);
      if (!missing.empty()) reason += " [missing, counted as false: " + missing + "]";
      return {fired ? RuleOutcome::Kind::True : RuleOutcome::Kind::False, std::move(reason)};
    } catch (const mu::Parser::exception_type& e) {
      return {RuleOutcome::Kind::Error, "evaluation failed: " + e.GetMsg()};
    }
  }

 private:
  std::unique_ptr<mu::Parser> make_parser(const std::string& text) {
    auto p = std::make_unique<mu::Parser>();
    p->DefineNameChars(kNameChars);
    for (std::size_t i = 0; i < t_.vars.size(); ++i) p->DefineVar(t_.vars[i].mu_name, &slots_[i]);
    for (std::size_t f = 0; f < t_.flags.size(); ++f) p->DefineVar(t_.flags[f].mu_name, &slots_[t_.vars.size() + f]);
    p->SetExpr(text);
    return p;
  }

  bool truth(std::size_t c) const { return clause_parsers_[c]->Eval() != 0.0; }

  // "(0.42)" for a clause over one input, "(a=1, b=2)" otherwise; "(3)" for "a + b >= 2".
  std::string values(std::size_t c) const {
    const Clause& cl = t_.clauses[c];
    if (lhs_parsers_[c]) return "(" + number(lhs_parsers_[c]->Eval()) + ")";
    if (cl.vars.size() == 1 && !t_.vars[cl.vars[0]].previous) return "(" + number(slots_[cl.vars[0]]) + ")";
    std::string s;
    for (std::size_t v : cl.vars) {
      const auto& var = t_.vars[v];
      s += (s.empty() ? "" : ", ") + (var.previous ? "prev(" + var.column + ")" : var.column) + "=" + number(slots_[v]);
    }
    return s.empty() ? std::string() : "(" + s + ")";
  }

  std::string leaf(std::size_t c) const {
    const std::string v = values(c);
    return t_.clauses[c].source_text + (v.empty() ? "" : " " + v);
  }

  std::string join(const std::vector<std::string>& parts, const char* sep) const {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
  }

  std::string explain_true(std::size_t c) const {
    const Clause& cl = t_.clauses[c];
    std::vector<std::string> parts;
    switch (cl.kind) {
      case Clause::Kind::Or:
        for (std::size_t k : cl.children) if (truth(k)) parts.push_back(explain_true(k));
        return join(parts, " or ");
      case Clause::Kind::And:
        for (std::size_t k : cl.children) parts.push_back(explain_true(k));
        return join(parts, " and ");
      case Clause::Kind::Not:
        return "not (" + explain_false(cl.children[0]) + ")";
      case Clause::Kind::Leaf:
        return leaf(c);
    }
    return {};
  }

  std::string explain_false(std::size_t c) const {
    const Clause& cl = t_.clauses[c];
    std::vector<std::string> parts;
    switch (cl.kind) {
      case Clause::Kind::Or:
        for (std::size_t k : cl.children) parts.push_back(explain_false(k));
        return join(parts, "; ");
      case Clause::Kind::And:
        for (std::size_t k : cl.children) if (!truth(k)) parts.push_back(explain_false(k));
        return join(parts, "; ");
      case Clause::Kind::Not:
        return "not (" + explain_true(cl.children[0]) + ")";
      case Clause::Kind::Leaf:
        return leaf(c);
    }
    return {};
  }

  TranslatedCondition t_;
  OnMissing on_missing_;
  mutable std::vector<double> slots_;  // variables, then missing-flags; bound by address in muparser
  std::vector<std::unique_ptr<mu::Parser>> clause_parsers_;
  std::vector<std::unique_ptr<mu::Parser>> lhs_parsers_;
};

// muparser messages carry positions in the rewritten text; the caller reports source positions.
std::string clean_message(const std::string& msg) {
  static const std::regex position(R"( (found )?at (expression )?position \d+)");
  std::string m = std::regex_replace(msg, position, "");
  static const std::regex internal(R"(__m\d+|prev__)");
  return std::regex_replace(m, internal, "");
}

}  // namespace

CompiledCondition compile_condition(std::string_view expression, const std::set<std::string>& columns,
                                    OnMissing on_missing) {
  CompiledCondition result;
  TranslatedCondition t = detail::translate_condition(expression, columns);
  if (!t.errors.empty()) {
    result.errors = std::move(t.errors);
    return result;
  }
  std::set<std::string> used;
  for (const auto& v : t.vars) {
    used.insert(v.column);
    result.reads_previous = result.reads_previous || v.previous;
  }
  result.columns.assign(used.begin(), used.end());
  const std::vector<std::size_t> origin = t.origin;
  try {
    auto cond = std::make_unique<MuparserCondition>(std::move(t), on_missing);
    cond->check_syntax();
    result.condition = std::move(cond);
  } catch (const mu::Parser::exception_type& e) {
    const auto pos = static_cast<std::size_t>(std::max(e.GetPos(), 0));
    const std::size_t offset = origin.empty() ? 0 : origin[std::min(pos, origin.size() - 1)];
    result.errors.push_back({offset, clean_message(e.GetMsg())});
  }
  return result;
}

}  // namespace alvh::config
