#include "alvh/strategies/condor_builder.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "alvh/strategies/option_math.hpp"

namespace alvh::strategies {

double CondorQuotes::width() const {
  return std::max(short_put.instrument.strike - long_put.instrument.strike,
                  long_call.instrument.strike - short_call.instrument.strike);
}
double CondorQuotes::credit_mid() const {
  return short_put.mid() + short_call.mid() - long_put.mid() - long_call.mid();
}
double CondorQuotes::credit_natural() const { return short_put.bid + short_call.bid - long_put.ask - long_call.ask; }
double CondorQuotes::debit_to_close() const { return short_put.ask + short_call.ask - long_put.bid - long_call.bid; }

namespace {

bool on_grid(double strike, double step) { return std::fabs(strike - round_nearest_to(strike, step)) < 1e-6; }

const Quote* find(const std::vector<const Quote*>& side, double strike) {
  for (const Quote* q : side)
    if (std::fabs(q->instrument.strike - strike) < 1e-6) return q;
  return nullptr;
}

}  // namespace

CondorChoice choose_condor(const OptionChainSnapshot& chain, const CondorInputs& in, const IronCondorConfig& cfg,
                           const OptionPricer& pricer) {
  std::vector<const Quote*> puts, calls;
  for (const auto& q : chain.quotes) {
    if (q.instrument.expiry != in.expiry || !on_grid(q.instrument.strike, cfg.strike_step)) continue;
    (q.instrument.right == OptionType::Put ? puts : calls).push_back(&q);
  }
  if (puts.empty() || calls.empty()) return {std::nullopt, "chain has no " + to_iso(in.expiry) + " strikes on the grid"};
  const double spot = chain.forward_for(in.expiry).value_or(chain.underlying);
  if (!(spot > 0)) return {std::nullopt, "chain has no underlying level"};
  const double years = years_to(in.now, in.expiry, 16 * 60);

  const Quote* sp = nullptr;
  const Quote* sc = nullptr;
  char how[160];
  if (cfg.short_strike_method == ShortStrikeMethod::Delta) {
    // Nearest |delta| to the target among OTM strikes; ties go further out of the money.
    auto pick = [&](const std::vector<const Quote*>& side, bool put) -> const Quote* {
      const Quote* best = nullptr;
      double best_err = std::numeric_limits<double>::infinity();
      for (const Quote* q : side) {
        const double k = q->instrument.strike;
        if (put ? k >= spot : k <= spot) continue;
        std::optional<double> delta = q->delta;
        if (!delta) {
          auto vol = quote_vol_bsm(*q, spot, years, in.rate, pricer);
          if (!vol) continue;
          delta = pricer.bsm({q->instrument.right, spot, k, years, in.rate, 0.0, *vol}).delta;
        }
        const double err = std::fabs(std::fabs(*delta) - in.short_delta);
        const bool further = best && (put ? k < best->instrument.strike : k > best->instrument.strike);
        if (err < best_err - 1e-12 || (std::fabs(err - best_err) <= 1e-12 && further)) {
          best = q;
          best_err = err;
        }
      }
      return best;
    };
    sp = pick(puts, true);
    sc = pick(calls, false);
    std::snprintf(how, sizeof how, "shorts at %.0f-delta", in.short_delta * 100);
  } else {
    // ATM vol: the nearest-to-spot quote's own vol, else VIX.
    std::optional<double> atm_vol;
    double best = std::numeric_limits<double>::infinity();
    for (const Quote* q : calls)
      if (std::fabs(q->instrument.strike - spot) < best) {
        best = std::fabs(q->instrument.strike - spot);
        atm_vol = quote_vol_bsm(*q, spot, years, in.rate, pricer);
      }
    if (!atm_vol && in.vix) atm_vol = *in.vix / 100.0;
    if (!atm_vol) return {std::nullopt, "no ATM volatility for the expected move"};
    const double em = spot * *atm_vol * std::sqrt(years);
    sp = find(puts, round_down_to(spot - cfg.em_multiple * em, cfg.strike_step));
    sc = find(calls, round_up_to(spot + cfg.em_multiple * em, cfg.strike_step));
    std::snprintf(how, sizeof how, "shorts at %.2f x expected move %.1f pts", cfg.em_multiple, em);
  }
  if (!sp || !sc) return {std::nullopt, std::string("no short strike found (") + how + ")"};
  const Quote* lp = find(puts, sp->instrument.strike - cfg.wing_width);
  const Quote* lc = find(calls, sc->instrument.strike + cfg.wing_width);
  if (!lp || !lc) return {std::nullopt, "wing strike missing from the chain"};
  return {CondorQuotes{*sp, *lp, *sc, *lc}, how};
}

}  // namespace alvh::strategies
