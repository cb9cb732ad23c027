// condor, ladder and risk: read into the strategies' parameter structs. Types are checked here;
// value ranges come from the strategies' own validate() so the two cannot disagree, and its
// messages are pointed back at the offending YAML key.
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "sections.hpp"

namespace alvh::config::detail {
namespace {

using strategies::MissingExpiryPolicy;
using strategies::ShortStrikeMethod;

// validate() prints numbers with std::to_string ("got 120.000000"); show them as written.
std::string tidy_number(const std::string& msg) {
  const auto got = msg.rfind(", got ");
  if (got == std::string::npos) return msg;
  const std::string tail = msg.substr(got + 6);
  char* end = nullptr;
  const double v = std::strtod(tail.c_str(), &end);
  if (end == tail.c_str() || *end != '\0') return msg;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return msg.substr(0, got + 6) + buf;
}

void report_validation(Diagnostics& d, const std::string& section, const YAML::Mark& section_mark,
                       const std::vector<std::string>& messages,
                       const std::function<std::string(const std::string&)>& yaml_field) {
  for (const auto& msg : messages) {
    const auto space = msg.find(' ');
    const std::string field = msg.substr(0, space);
    const std::string path = section + "." + yaml_field(field);
    const auto mark = d.mark_of(path);
    d.error(mark ? *mark : section_mark, path, tidy_number(space == std::string::npos ? msg : msg.substr(space + 1)));
  }
}

// An enum named in one of the strategies' name tables (kHedgeSizingModes, kLadderExitPolicies).
template <class E, class Table, class Parse>
void table_enum(MapReader& m, std::string_view key, E& out, const Table& table, Parse parse) {
  auto v = m.get(key);
  if (!v) return;
  std::string s;
  if (!read_string(m.diagnostics(), *v, m.path_of(key), s)) return;
  if (auto e = parse(s)) {
    out = *e;
    return;
  }
  std::string list;
  for (const auto& entry : table) list += (list.empty() ? "" : ", ") + std::string(entry.name);
  m.diagnostics().error(m.diagnostics().mark(*v), m.path_of(key), "'" + s + "' is not one of " + list);
}

void optional_number(MapReader& m, std::string_view key, std::optional<double>& out) {
  if (auto v = m.get(key)) {
    if (v->IsNull()) {
      out.reset();
      return;
    }
    double x = 0;
    if (read_number(m.diagnostics(), *v, m.path_of(key), x, Range::any())) out = x;
  }
}

}  // namespace

void read_condor(Diagnostics& d, const YAML::Node& n, strategies::IronCondorConfig& out) {
  MapReader m(d, n, "condor");
  if (!m.valid()) return;
  m.string("name", out.name);
  m.string("root", out.root);
  m.clock_time("entry_time", out.entry_minutes);
  m.integer("early_close_lead_minutes", out.early_close_lead_minutes, Range::any());
  m.enumeration("short_strike_method", out.short_strike_method,
                {{"delta", ShortStrikeMethod::Delta}, {"expected_move", ShortStrikeMethod::ExpectedMove}});
  m.number("short_delta", out.short_delta, Range::any());
  m.number("em_multiple", out.em_multiple, Range::any());
  m.number("wing_width", out.wing_width, Range::any());
  m.number("strike_step", out.strike_step, Range::any());
  m.number("min_credit", out.min_credit, Range::any());
  m.number("risk_budget", out.risk_budget, Range::any());
  m.integer("max_quantity", out.max_quantity, Range::any());
  if (auto t = m.get("vix_tiers")) {
    if (!t->IsSequence() || t->size() == 0) {
      d.error(d.mark(*t), "condor.vix_tiers", "expected a non-empty list of {vix_below, size_factor, label}");
    } else {
      out.vix_tiers.clear();
      for (std::size_t i = 0; i < t->size(); ++i) {
        MapReader tier(d, (*t)[i], index_path("condor.vix_tiers", i));
        if (!tier.valid()) continue;
        strategies::VixTier vt;
        if (auto v = tier.require("vix_below")) read_number(d, *v, tier.path_of("vix_below"), vt.vix_below, Range::unbounded());
        tier.number("size_factor", vt.size_factor, Range::any());
        optional_number(tier, "short_delta", vt.short_delta);
        tier.string("label", vt.label);
        tier.finish();
        out.vix_tiers.push_back(vt);
      }
    }
  }
  m.enumeration("missing_expiry", out.missing_expiry,
                {{"skip", MissingExpiryPolicy::Skip}, {"nearest_within", MissingExpiryPolicy::NearestWithin}});
  m.integer("nearest_within_trading_days", out.nearest_within_trading_days, Range::any());
  optional_number(m, "stop_loss_multiple", out.stop_loss_multiple);
  optional_number(m, "profit_target", out.profit_target);
  m.number("price_tick", out.price_tick, Range::any());
  m.integer("max_quote_age_seconds", out.max_quote_age_seconds, Range::closed(1, 86400));
  m.number("max_relative_spread", out.max_relative_spread, Range::above(0));
  m.finish();
  report_validation(d, "condor", m.mark(), strategies::validate(out),
                    [](const std::string& f) { return f == "entry_minutes" ? std::string("entry_time") : f; });
}

void read_ladder(Diagnostics& d, const YAML::Node& n, const SignalCatalog& catalog, strategies::VixLadderConfig& out) {
  MapReader m(d, n, "ladder");
  if (!m.valid()) return;
  static const char* const kLayers[] = {"front", "mid", "back"};
  m.string("name", out.name);
  m.string("root", out.root);
  if (auto l = m.get("layers")) {
    MapReader layers(d, *l, "ladder.layers");
    if (layers.valid()) {
      for (std::size_t i = 0; i < 3; ++i) {
        auto v = layers.get(kLayers[i]);
        if (!v) continue;
        MapReader layer(d, *v, layers.path_of(kLayers[i]));
        if (!layer.valid()) continue;
        auto& c = out.layers[i];
        layer.integer("target_dte", c.target_dte, Range::any());
        layer.integer("roll_floor_dte", c.roll_floor_dte, Range::any());
        layer.number("contracts_per_unit", c.contracts_per_unit, Range::any());
        layer.number("target_delta", c.target_delta, Range::any());
        layer.number("beta", c.beta, Range::any());
        layer.finish();
      }
      layers.finish();
    }
  }
  m.clock_time("review_time", out.review_minutes);
  table_enum(m, "sizing_mode", out.sizing_mode, strategies::kHedgeSizingModes, strategies::parse_hedge_sizing_mode);
  m.number("vega_ratio", out.vega_ratio, Range::any());
  m.boolean("fractional", out.fractional);
  table_enum(m, "exit_policy", out.exit_policy, strategies::kLadderExitPolicies, strategies::parse_ladder_exit_policy);
  m.number("fixed_units_per_condor", out.fixed_units_per_condor, Range::any());
  m.number("vix_point_ratio", out.vix_point_ratio, Range::any());
  m.number("condor_iv_beta", out.condor_iv_beta, Range::above(0));
  if (auto t = m.get("premium_tiers")) {
    if (!t->IsSequence() || t->size() == 0) {
      d.error(d.mark(*t), "ladder.premium_tiers", "expected a non-empty list of {forward_at_most, monthly_fraction}");
    } else {
      out.premium_tiers.clear();
      double previous = -std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < t->size(); ++i) {
        MapReader tier(d, (*t)[i], index_path("ladder.premium_tiers", i));
        if (!tier.valid()) continue;
        strategies::PremiumTier pt;
        if (auto v = tier.require("forward_at_most")) {
          if (read_number(d, *v, tier.path_of("forward_at_most"), pt.forward_at_most, Range::unbounded()) &&
              !(pt.forward_at_most > previous)) {
            d.error(d.mark(*v), tier.path_of("forward_at_most"), "tiers must be in ascending order");
          }
          previous = pt.forward_at_most;
        }
        tier.number("monthly_fraction", pt.monthly_fraction, Range::closed(0, 0.5));
        tier.finish();
        out.premium_tiers.push_back(pt);
      }
    }
  }
  m.number("gap_cover_fraction", out.gap_cover_fraction, Range::any());
  m.number("gap_shock_points", out.gap_shock_points, Range::any());
  m.number("gap_vol_bump", out.gap_vol_bump, Range::closed(1, 10));
  m.integer("min_contracts_per_layer", out.min_contracts_per_layer, Range::closed(0, 1000));
  m.number("vol_floor", out.vol_floor, Range::any());
  m.number("vol_cap", out.vol_cap, Range::any());
  m.number("default_vvix", out.default_vvix, Range::above(0));
  m.number("vol_term_exponent", out.vol_term_exponent, Range::closed(0, 2));
  m.number("strike_grid_switch", out.strike_grid_switch, Range::above(0));
  m.number("monetize_multiple", out.monetize_multiple, Range::any());
  m.number("monetize_vix", out.monetize_vix, Range::above(0));
  m.number("max_front_future_for_buys", out.max_front_future_for_buys, Range::above(0));
  m.number("establish_vix_below", out.establish_vix_below, Range::above(0));
  m.number("reestablish_vix_below", out.reestablish_vix_below, Range::above(0));
  m.number("reestablish_scale", out.reestablish_scale, Range::any());
  if (auto v = m.get("term_ratio_signal"); v && read_string(d, *v, "ladder.term_ratio_signal", out.term_ratio_signal)) {
    const std::string& s = out.term_ratio_signal;
    if (catalog.columns.count(s) == 0 && catalog.unknown_names.count(s.substr(0, s.find('.'))) == 0) {
      d.error(d.mark(*v), "ladder.term_ratio_signal", "'" + s + "' is not a column of any signal under signals");
    }
  }
  m.number("price_tick", out.price_tick, Range::above(0));
  m.integer("max_quote_age_seconds", out.max_quote_age_seconds, Range::closed(1, 86400));
  m.number("max_relative_spread", out.max_relative_spread, Range::above(0));
  m.finish();
  report_validation(d, "ladder", m.mark(), strategies::validate(out), [](const std::string& f) {
    // validate() names layers by index; the YAML names them.
    if (f.rfind("layers[", 0) == 0 && f.size() > 9) {
      const std::size_t i = static_cast<std::size_t>(f[7] - '0');
      if (i < 3) return "layers." + std::string(kLayers[i]) + f.substr(9);
    }
    return f;
  });
}

void read_risk(Diagnostics& d, const YAML::Node& n, strategies::RiskGateConfig& out) {
  MapReader m(d, n, "risk");
  if (!m.valid()) return;
  m.integer("max_contracts_per_order", out.max_contracts_per_order, Range::any());
  m.number("max_loss_per_condor", out.max_loss_per_condor, Range::any());
  m.integer("max_open_condors", out.max_open_condors, Range::any());
  m.number("daily_loss_limit", out.daily_loss_limit, Range::any());
  m.number("hedge_spend_limit_12m", out.hedge_spend_limit_12m, Range::any());
  m.integer("max_orders_per_minute", out.max_orders_per_minute, Range::any());
  m.integer("max_quote_age_seconds", out.max_quote_age_seconds, Range::any());
  m.number("max_relative_spread", out.max_relative_spread, Range::any());
  m.finish();
  report_validation(d, "risk", m.mark(), strategies::validate(out), [](const std::string& f) { return f; });
}

}  // namespace alvh::config::detail
