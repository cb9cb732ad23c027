// rules: name, condition, typed actions, on_missing. Conditions are compiled here so that
// unknown columns and syntax errors are reported with their position inside the condition.
#include <map>

#include "alvh/config/condition_compiler.hpp"
#include "sections.hpp"

namespace alvh::config::detail {
namespace {

const std::vector<std::string>& action_names() {
  static const std::vector<std::string> names = {"set_ladder", "skip_condor", "scale_condor", "monetize",
                                                 "set_state",  "block_hedge_purchases"};
  return names;
}

std::optional<RuleAction> read_action(Diagnostics& d, const YAML::Node& item, const std::string& path) {
  std::string name;
  YAML::Node arg;
  YAML::Mark name_mark = d.mark(item);
  if (item.IsScalar()) {
    name = item.Scalar();
  } else if (item.IsMap() && item.size() == 1) {
    const auto kv = *item.begin();
    if (!kv.first.IsScalar()) {
      d.error(kv.first.Mark(), path, "expected an action name");
      return std::nullopt;
    }
    name = kv.first.Scalar();
    name_mark = kv.first.Mark();
    arg = kv.second;
  } else {
    d.error(d.mark(item), path, "an action is a name (skip_condor) or a single key with its argument (scale_condor: 0.5)");
    return std::nullopt;
  }
  const std::string apath = join_path(path, name);
  auto no_argument = [&](RuleAction a) -> std::optional<RuleAction> {
    bool flag = true;
    if (arg && !arg.IsNull() && !(arg.IsScalar() && YAML::convert<bool>::decode(arg, flag) && flag)) {
      d.error(d.mark(arg), apath, name + " takes no argument");
      return std::nullopt;
    }
    return a;
  };
  if (name == "skip_condor") return no_argument(SkipCondor{});
  if (name == "block_hedge_purchases") return no_argument(BlockHedgePurchases{});
  if (!arg || arg.IsNull()) {
    if (std::find(action_names().begin(), action_names().end(), name) != action_names().end()) {
      d.error(name_mark, apath, name + " needs an argument");
      return std::nullopt;
    }
  }
  if (name == "set_ladder") {
    MapReader m(d, arg, apath);
    if (!m.valid()) return std::nullopt;
    SetLayerMultipliers a;
    bool ok = true, any = false;
    const char* layers[] = {"front", "mid", "back"};
    for (std::size_t i = 0; i < 3; ++i) {
      if (auto v = m.get(layers[i])) {
        double c = 0;
        any = true;
        if (read_number(d, *v, m.path_of(layers[i]), c, Range::closed(0, 100))) a.contracts[i] = c;
        else ok = false;
      }
    }
    const std::size_t before = d.error_count();
    m.finish();
    if (!any && d.error_count() == before) d.error(d.mark(arg), apath, "give contracts per hedge unit for front, mid and/or back");
    if (!ok || !any || d.error_count() != before) return std::nullopt;
    return a;
  }
  if (name == "scale_condor") {
    ScaleCondor a;
    YAML::Node value = arg;
    std::string vpath = apath;
    if (arg.IsMap()) {
      MapReader m(d, arg, apath);
      auto f = m.require("factor");
      m.finish();
      if (!f) return std::nullopt;
      value = *f;
      vpath = m.path_of("factor");
    }
    if (!read_number(d, value, vpath, a.factor, Range::closed(0, 4))) return std::nullopt;
    return a;
  }
  if (name == "monetize") {
    MonetizeLayer a;
    if (!read_enum(d, arg, apath, a.layer, {{"front", LadderLayer::Front}, {"mid", LadderLayer::Mid}, {"back", LadderLayer::Back}})) {
      return std::nullopt;
    }
    return a;
  }
  if (name == "set_state") {
    SetTradingState a;
    if (!read_enum(d, arg, apath, a.state,
                   {{"active", TradingState::Active}, {"reducing", TradingState::Reducing}, {"halted", TradingState::Halted}})) {
      return std::nullopt;
    }
    return a;
  }
  const std::string hint = closest(name, action_names());
  std::string known;
  for (const auto& k : action_names()) known += (known.empty() ? "" : ", ") + k;
  d.error(name_mark, apath, "unknown action '" + name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") + "; known: " + known);
  return std::nullopt;
}

// An identifier at `offset` of the condition (for filtering follow-on errors).
std::string identifier_at(const std::string& text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_' || text[end] == '.')) ++end;
  return text.substr(offset, end - offset);
}

}  // namespace

void read_rules(Diagnostics& d, const YAML::Node& n, const SignalCatalog& catalog, std::vector<RuleSpec>& out) {
  if (n.IsNull()) return;
  if (!n.IsSequence()) {
    d.error(d.mark(n), "rules", "expected a list of rules (- name: ..., condition: ..., actions: [...])");
    return;
  }
  std::map<std::string, int> first_line;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = index_path("rules", i);
    MapReader m(d, n[i], path);
    if (!m.valid()) continue;
    const std::size_t before = d.error_count();
    RuleSpec rule;
    if (auto v = m.require("name"); v && read_string(d, *v, m.path_of("name"), rule.name)) {
      if (rule.name.empty()) {
        d.error(d.mark(*v), m.path_of("name"), "must not be empty");
      } else if (auto it = first_line.find(rule.name); it != first_line.end()) {
        d.error(d.mark(*v), m.path_of("name"), "duplicate rule name '" + rule.name + "' (first defined at line " + std::to_string(it->second) + ")");
      } else {
        first_line.emplace(rule.name, d.mark(*v).line + 1);
      }
    }
    m.enumeration("on_missing", rule.on_missing,
                  {{"neutral", OnMissing::Neutral}, {"false", OnMissing::False}, {"error", OnMissing::Error}});
    if (auto v = m.require("condition"); v && read_string(d, *v, m.path_of("condition"), rule.condition)) {
      if (rule.condition.find_first_not_of(" \t\r\n") == std::string::npos) {
        d.error(d.mark(*v), m.path_of("condition"), "must not be empty");
      } else {
        CompiledCondition c = compile_condition(rule.condition, catalog.columns, rule.on_missing);
        for (const auto& e : c.errors) {
          // Columns of a signal whose indicator is unknown were already reported there.
          const std::string ident = identifier_at(rule.condition, e.offset);
          if (!ident.empty() && catalog.unknown_names.count(ident.substr(0, ident.find('.'))) != 0) continue;
          d.error_in_scalar(*v, e.offset, m.path_of("condition"), e.message);
        }
      }
    }
    if (auto a = m.require("actions")) {
      const std::string apath = m.path_of("actions");
      if (!a->IsSequence()) {
        d.error(d.mark(*a), apath, "expected a list of actions");
      } else if (a->size() == 0) {
        d.error(d.mark(*a), apath, "a rule needs at least one action");
      } else {
        for (std::size_t k = 0; k < a->size(); ++k) {
          if (auto action = read_action(d, (*a)[k], index_path(apath, k))) rule.actions.push_back(*action);
        }
      }
    }
    m.finish();
    if (d.error_count() == before) out.push_back(std::move(rule));
  }
}

}  // namespace alvh::config::detail
