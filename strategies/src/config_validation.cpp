#include <cmath>
#include <string>
#include <vector>

#include "alvh/strategies/iron_condor_config.hpp"
#include "alvh/strategies/risk_gate_config.hpp"
#include "alvh/strategies/vix_ladder_config.hpp"

namespace alvh::strategies {
namespace {

void require(std::vector<std::string>& errors, bool ok, const std::string& field, const std::string& rule, double got) {
  if (!ok) errors.push_back(field + " must be " + rule + ", got " + std::to_string(got));
}

}  // namespace

std::vector<std::string> validate(const IronCondorConfig& c) {
  std::vector<std::string> e;
  require(e, c.entry_minutes > 9 * 60 + 30 && c.entry_minutes < 16 * 60, "entry_minutes", "inside 09:30-16:00", c.entry_minutes);
  require(e, c.early_close_lead_minutes >= 0, "early_close_lead_minutes", ">= 0", c.early_close_lead_minutes);
  require(e, c.short_delta > 0 && c.short_delta < 0.5, "short_delta", "in (0, 0.5)", c.short_delta);
  require(e, c.em_multiple > 0, "em_multiple", "> 0", c.em_multiple);
  require(e, c.strike_step > 0, "strike_step", "> 0", c.strike_step);
  require(e, c.wing_width > 0 && std::fmod(c.wing_width, c.strike_step) == 0, "wing_width",
          "> 0 and a multiple of strike_step", c.wing_width);
  require(e, c.min_credit > 0 && c.min_credit < c.wing_width, "min_credit", "in (0, wing_width)", c.min_credit);
  require(e, c.risk_budget > 0, "risk_budget", "> 0", c.risk_budget);
  require(e, c.max_quantity >= 1, "max_quantity", ">= 1", c.max_quantity);
  require(e, c.nearest_within_trading_days >= 1, "nearest_within_trading_days", ">= 1", c.nearest_within_trading_days);
  require(e, c.price_tick > 0, "price_tick", "> 0", c.price_tick);
  for (std::size_t i = 0; i < c.vix_tiers.size(); ++i) {
    require(e, c.vix_tiers[i].size_factor >= 0, "vix_tiers[" + std::to_string(i) + "].size_factor", ">= 0",
            c.vix_tiers[i].size_factor);
    if (i > 0)
      require(e, c.vix_tiers[i].vix_below > c.vix_tiers[i - 1].vix_below, "vix_tiers[" + std::to_string(i) + "].vix_below",
              "ascending", c.vix_tiers[i].vix_below);
  }
  if (c.stop_loss_multiple) require(e, *c.stop_loss_multiple > 1, "stop_loss_multiple", "> 1", *c.stop_loss_multiple);
  if (c.profit_target) require(e, *c.profit_target > 0 && *c.profit_target < 1, "profit_target", "in (0, 1)", *c.profit_target);
  return e;
}

std::vector<std::string> validate(const VixLadderConfig& c) {
  std::vector<std::string> e;
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    const auto& l = c.layers[i];
    const std::string p = "layers[" + std::to_string(i) + "].";
    require(e, l.target_dte > 0, p + "target_dte", "> 0", l.target_dte);
    require(e, l.roll_floor_dte >= 0 && l.roll_floor_dte < l.target_dte, p + "roll_floor_dte", "in [0, target_dte)",
            l.roll_floor_dte);
    require(e, l.contracts_per_unit >= 0, p + "contracts_per_unit", ">= 0", l.contracts_per_unit);
    require(e, l.target_delta > 0 && l.target_delta < 1, p + "target_delta", "in (0, 1)", l.target_delta);
    require(e, l.beta >= 0, p + "beta", ">= 0", l.beta);
  }
  require(e, c.fixed_units_per_condor >= 0, "fixed_units_per_condor", ">= 0", c.fixed_units_per_condor);
  require(e, c.vix_point_ratio >= 0, "vix_point_ratio", ">= 0", c.vix_point_ratio);
  // Practitioners' hedge:condor vega band is 1:4-1:6; the study allows 1:8 .. 1:3.
  require(e, c.vega_ratio >= 1.0 / 8 - 1e-12 && c.vega_ratio <= 1.0 / 3 + 1e-12, "vega_ratio", "in [0.125, 0.333] (1:8 .. 1:3)",
          c.vega_ratio);
  require(e, c.gap_cover_fraction >= 0, "gap_cover_fraction", ">= 0", c.gap_cover_fraction);
  require(e, c.gap_shock_points > 0, "gap_shock_points", "> 0", c.gap_shock_points);
  require(e, c.monetize_multiple > 1, "monetize_multiple", "> 1", c.monetize_multiple);
  require(e, c.vol_floor > 0 && c.vol_cap > c.vol_floor, "vol_cap", "> vol_floor > 0", c.vol_cap);
  require(e, c.reestablish_scale > 0 && c.reestablish_scale <= 1, "reestablish_scale", "in (0, 1]", c.reestablish_scale);
  return e;
}

std::vector<std::string> validate(const RiskGateConfig& c) {
  std::vector<std::string> e;
  require(e, c.max_contracts_per_order >= 1, "max_contracts_per_order", ">= 1", c.max_contracts_per_order);
  require(e, c.max_loss_per_condor > 0, "max_loss_per_condor", "> 0", c.max_loss_per_condor);
  require(e, c.max_open_condors >= 1, "max_open_condors", ">= 1", c.max_open_condors);
  require(e, c.daily_loss_limit > 0, "daily_loss_limit", "> 0", c.daily_loss_limit);
  require(e, c.hedge_spend_limit_12m >= 0, "hedge_spend_limit_12m", ">= 0", c.hedge_spend_limit_12m);
  require(e, c.max_orders_per_minute >= 1, "max_orders_per_minute", ">= 1", c.max_orders_per_minute);
  require(e, c.max_quote_age_seconds >= 1, "max_quote_age_seconds", ">= 1", c.max_quote_age_seconds);
  require(e, c.max_relative_spread > 0, "max_relative_spread", "> 0", c.max_relative_spread);
  return e;
}

}  // namespace alvh::strategies
