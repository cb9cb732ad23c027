#include "alvh/strategies/hedge_sizing.hpp"
#include "printf_text.hpp"

namespace alvh::strategies {

using detail::fmt;

HedgeUnits hedge_units(const VixLadderConfig& cfg, const std::array<std::optional<LayerQuote>, 3>& layers,
                       const std::optional<CondorExposure>& condor, double equity, const OptionPricer& pricer,
                       double rate, bool explain) {
  // The reason is text for the decision log: not formatted when nobody reads it.
  const auto say = [explain](const char* f, double a, double b = 0, double c = 0, double d = 0) {
    return explain ? fmt(f, a, b, c, d) : std::string();
  };
  // Per-unit aggregates use the base 4/4/2 ratio: adaptive multipliers change contracts, not units.
  double sens = 0, cost = 0, gap = 0, vega = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    if (!layers[i]) continue;
    const auto& l = *layers[i];
    const double n = cfg.layers[i].contracts_per_unit;
    sens += n * 100.0 * l.delta * cfg.layers[i].beta;
    cost += n * 100.0 * l.ask;
    vega += n * 100.0 * l.vega;
    // The shock repricing is gap cover's alone: the other modes skip two Black-76 calls per layer.
    if (cfg.sizing_mode != HedgeSizingMode::GapCover) continue;
    const double shocked_f = l.forward + cfg.layers[i].beta * cfg.gap_shock_points;
    const double after_years = std::max(l.years - 1.0 / 365.0, 1.0 / 365.0);
    const double before = pricer.black76({OptionType::Call, l.forward, l.strike, l.years, rate, l.vol}).price;
    const double after =
        pricer.black76({OptionType::Call, shocked_f, l.strike, after_years, rate, l.vol * cfg.gap_vol_bump}).price;
    gap += n * 100.0 * (after - before);
  }
  switch (cfg.sizing_mode) {
    case HedgeSizingMode::VegaRatio: {
      if (!condor) return {0, "vega ratio: no condor yet"};
      if (vega <= 0) return {0, "vega ratio: unit vega is zero"};
      return {cfg.vega_ratio * condor->vega_per_iv_point / vega,
              say("vega ratio: 1:%.2f x condor vega %.1f $/vol pt / unit vega %.1f $/vol pt", 1.0 / cfg.vega_ratio,
                  condor->vega_per_iv_point, vega)};
    }
    case HedgeSizingMode::FixedUnits: {
      if (!condor) return {0, "fixed units: no condor yet"};
      return {cfg.fixed_units_per_condor * condor->quantity,
              say("fixed units: %.2f per condor x %.0f condors", cfg.fixed_units_per_condor, condor->quantity)};
    }
    case HedgeSizingMode::VixPointRatio: {
      if (!condor) return {0, "vix-point ratio: no condor yet"};
      if (sens <= 0) return {0, "vix-point ratio: hedge sensitivity is zero"};
      const double core = condor->vega_per_iv_point * cfg.condor_iv_beta;
      return {cfg.vix_point_ratio * core / sens,
              say("vix-point ratio: %.2f x condor %.1f $/VIX pt / unit %.1f $/VIX pt", cfg.vix_point_ratio, core, sens)};
    }
    case HedgeSizingMode::PremiumBudget: {
      if (!layers[0]) return {0, "premium budget: no front-layer quote"};
      const double f = layers[0]->forward;
      double fraction = 0;
      for (const auto& t : cfg.premium_tiers)
        if (f <= t.forward_at_most) {
          fraction = t.monthly_fraction;
          break;
        }
      if (cost <= 0) return {0, "premium budget: unit cost is zero"};
      return {equity * fraction / cost,
              say("premium budget: forward VIX %.2f -> %.2f%% of equity %.0f $ / unit cost %.0f $", f, fraction * 100,
                  equity, cost)};
    }
    case HedgeSizingMode::GapCover: {
      if (!condor) return {0, "gap cover: no condor yet"};
      if (gap <= 0) return {0, "gap cover: unit shock payoff is zero"};
      return {cfg.gap_cover_fraction * condor->max_loss / gap,
              say("gap cover: %.0f%% of condor max loss %.0f $ / unit payoff %.0f $ on +%.0f VIX pts",
                  cfg.gap_cover_fraction * 100, condor->max_loss, gap, cfg.gap_shock_points)};
    }
  }
  return {0, "unknown sizing mode"};
}

}  // namespace alvh::strategies
