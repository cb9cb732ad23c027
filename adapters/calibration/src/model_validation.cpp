#include "alvh/calibration/model_validation.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "alvh/calibration/baseline_model.hpp"
#include "alvh/core/instrument.hpp"
#include "alvh/strategies/condor_builder.hpp"
#include "alvh/venue/market_day.hpp"

namespace alvh::calibration {

namespace {

constexpr double kMultiplier = 100.0;  // $ per point, SPX and VIX options

const char* delta_bucket(double delta) {
  const double d = std::fabs(delta);
  if (d < 0.05) return "<0.05";
  if (d < 0.15) return "0.05-0.15";
  if (d < 0.30) return "0.15-0.30";
  if (d <= 0.50) return "0.30-0.50";
  return ">0.50";
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

std::optional<double> median_or_null(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  return median(v);
}

struct Priced {
  bool ok = false;
  double model_mid = 0, model_vol = 0;
  std::optional<BaselineQuote> base;
};

struct Accumulator {
  std::vector<double> err, abs_pct, abs_vol;
};

venue::MarketDay session_day(const SessionInputs& s, double forward) {
  venue::MarketDay d;
  d.date = s.quotes->date;
  d.spx_close = forward;
  d.vols = s.indices;
  d.vix_close = s.vix_close;
  return d;
}

CondorLegs legs_of(const strategies::CondorChoice& c) {
  CondorLegs out;
  if (!c.legs) {
    out.reason = c.reason;
    return out;
  }
  out.strikes = std::array<double, 4>{c.legs->short_put.instrument.strike, c.legs->long_put.instrument.strike,
                                      c.legs->short_call.instrument.strike, c.legs->long_call.instrument.strike};
  out.credit = c.legs->credit_mid();
  return out;
}

std::optional<CondorComparison> compare_condor(const ObservationSet& obs, const ExpiryGroup& g,
                                               const venue::OptionModel& model,
                                               const strategies::IronCondorConfig& cfg, const OptionPricer& pricer) {
  const SessionInputs& si = obs.sessions[g.session];
  const auto& q = *si.quotes;
  std::map<std::pair<double, int>, double> real_delta;
  for (std::size_t i = g.first; i < g.first + g.count; ++i)
    real_delta[{obs.spxw[i].strike, static_cast<int>(obs.spxw[i].right)}] = obs.spxw[i].real_delta;
  OptionChainSnapshot real, modelled;
  real.root = modelled.root = "SPXW";
  real.time = modelled.time = ExchangeTime{q.date, q.minutes};
  real.underlying = modelled.underlying = g.forward;
  real.forwards = modelled.forwards = {ForwardQuote{g.expiry, g.forward}};
  const venue::MarketDay day = session_day(si, g.forward);
  for (const auto& r : q.rows) {
    if (r.root != "SPXW" || r.expiry != g.expiry) continue;
    const bool otm = r.right == OptionType::Call ? r.strike > g.forward : r.strike < g.forward;
    if (!otm) continue;
    // The model chain lists every strike the exchange listed; the real one those with an offer.
    const Instrument inst = spxw_option(g.expiry, r.strike, r.right);
    if (auto mq = model.quote(inst, day, q.minutes)) modelled.quotes.push_back(mq->quote);
    if (!(r.ask > 0)) continue;
    Quote rq;
    rq.instrument = inst;
    rq.bid = r.bid;
    rq.ask = r.ask;
    if (auto it = real_delta.find({r.strike, static_cast<int>(r.right)}); it != real_delta.end()) rq.delta = it->second;
    else rq.delta = r.right == OptionType::Call ? 0.001 : -0.001;  // no two-sided quote: far out of the money
    real.quotes.push_back(rq);
  }
  strategies::CondorInputs in;
  in.expiry = g.expiry;
  in.now = real.time;
  in.short_delta = cfg.short_delta;
  in.vix = si.vix_close;
  CondorComparison c;
  c.expiry = g.expiry;
  c.tenor = g.tenor;
  c.real = legs_of(strategies::choose_condor(real, in, cfg, pricer));
  c.model = legs_of(strategies::choose_condor(modelled, in, cfg, pricer));
  if (c.real.strikes) {
    double credit = 0;
    int found = 0;
    const auto& k = *c.real.strikes;
    const std::array<std::pair<double, double>, 4> legs{{{k[0], 1.0}, {k[1], -1.0}, {k[2], 1.0}, {k[3], -1.0}}};
    for (std::size_t i = 0; i < 4; ++i) {
      const OptionType right = i < 2 ? OptionType::Put : OptionType::Call;
      if (auto mq = model.quote(spxw_option(g.expiry, legs[i].first, right), day, q.minutes)) {
        credit += legs[i].second * mq->quote.mid();
        ++found;
      }
    }
    if (found == 4) c.model_credit_same_strikes = credit;
    if (c.real.credit > 0) {
      if (c.model.strikes) c.error_pct = (c.model.credit - c.real.credit) / c.real.credit * 100.0;
      if (c.model_credit_same_strikes)
        c.error_pct_same_strikes = (*c.model_credit_same_strikes - c.real.credit) / c.real.credit * 100.0;
    }
  }
  return c;
}

}  // namespace

std::optional<bool> ValidationResult::condor_1dte_goal() const {
  if (!summary.condor_1dte_weekday_median_abs_pct) return std::nullopt;
  return *summary.condor_1dte_weekday_median_abs_pct <= goals.condor_1dte_weekday_pct;
}
std::optional<bool> ValidationResult::condor_span_goal() const {
  if (!summary.condor_span_weekend_median_abs_pct) return std::nullopt;
  return *summary.condor_span_weekend_median_abs_pct <= goals.condor_span_weekend_pct;
}
std::optional<bool> ValidationResult::leg_vol_goal() const {
  if (!summary.spxw_leg_vol_median_abs_pts) return std::nullopt;
  return *summary.spxw_leg_vol_median_abs_pts < goals.spxw_leg_vol_pts;
}
std::optional<bool> ValidationResult::vix_call_goal() const {
  if (!summary.vix_call_30_250_median_abs_pct) return std::nullopt;
  return *summary.vix_call_30_250_median_abs_pct <= goals.vix_call_pct;
}

ValidationResult validate_model(const ObservationSet& obs, const venue::OptionModelParams& params,
                                const strategies::IronCondorConfig& condor, const OptionPricer& pricer) {
  ValidationResult out;
  out.notes = obs.notes;
  const venue::OptionModel model(pricer, params);

  std::vector<Priced> spxw(obs.spxw.size()), vix(obs.vix.size());
  for (const auto& g : obs.spxw_groups) {
    const SessionInputs& si = obs.sessions[g.session];
    const venue::MarketDay day = session_day(si, g.forward);
    for (std::size_t i = g.first; i < g.first + g.count; ++i) {
      const auto& o = obs.spxw[i];
      const auto mq = model.quote(spxw_option(g.expiry, o.strike, o.right), day, si.quotes->minutes);
      if (!mq) continue;
      spxw[i] = {true, mq->quote.mid(), mq->vol,
                 baseline_spxw_quote(pricer, si.indices, si.vix_close, o.right, g.forward, o.strike, g.years_cal)};
    }
  }
  for (const auto& g : obs.vix_groups) {
    const SessionInputs& si = obs.sessions[g.session];
    const auto atm = model.vix().atm_vol(si.vvix, si.quotes->date, g.days);
    for (std::size_t i = g.first; i < g.first + g.count; ++i) {
      const auto& o = obs.vix[i];
      const double vol = model.vix().smile_vol(atm.vol, g.forward, o.strike, g.days);
      const double price = venue::floor_to_tick(model.vix().price(o.right, g.forward, o.strike, g.years_cal, vol).price);
      vix[i] = {true, price, vol, baseline_vix_quote(pricer, si.vvix, o.right, g.forward, o.strike, g.years_cal)};
    }
  }

  // Per session rows.
  std::vector<double> legs, base_legs, vix_calls, base_vix_calls;
  std::vector<double> condor_1d, condor_span, base_condor_1d, base_condor_span;
  for (std::size_t s = 0; s < obs.sessions.size(); ++s) {
    const auto& q = *obs.sessions[s].quotes;
    SessionValidation sv;
    sv.label = q.label();
    sv.file = q.file;
    sv.layout = q.layout;
    sv.underlying = q.underlying == quotes::QuoteUnderlying::spx ? "SPXW" : "VIX";
    sv.index_date = to_iso(q.index_date);
    std::map<std::pair<int, std::string>, Accumulator> acc;
    auto collect = [&](const std::vector<ExpiryGroup>& groups, const std::vector<Observation>& os,
                       const std::vector<Priced>& priced, bool is_vix) {
      for (const auto& g : groups) {
        if (g.session != s) continue;
        for (std::size_t i = g.first; i < g.first + g.count; ++i) {
          if (!priced[i].ok) continue;
          const auto& o = os[i];
          auto& a = acc[{static_cast<int>(g.tenor), delta_bucket(o.real_delta)}];
          const double err = priced[i].model_mid - o.mid;
          a.err.push_back(err);
          a.abs_pct.push_back(std::fabs(err) / o.mid * 100.0);
          a.abs_vol.push_back(std::fabs(priced[i].model_vol - o.real_vol) * 100.0);
          if (!is_vix && std::fabs(o.real_delta) >= 0.05) {
            legs.push_back(a.abs_vol.back());
            if (priced[i].base) base_legs.push_back(std::fabs(priced[i].base->vol - o.real_vol) * 100.0);
          }
          if (is_vix && o.right == OptionType::Call && g.days >= 30 && g.days <= 250 && o.real_delta >= 0.2 &&
              o.real_delta <= 0.6) {
            vix_calls.push_back(a.abs_pct.back());
            if (priced[i].base) base_vix_calls.push_back(std::fabs(priced[i].base->price - o.mid) / o.mid * 100.0);
          }
        }
      }
    };
    collect(obs.spxw_groups, obs.spxw, spxw, false);
    collect(obs.vix_groups, obs.vix, vix, true);
    for (const auto& [key, a] : acc) {
      ErrorRow r;
      r.tenor = tenor_bucket_name(static_cast<TenorBucket>(key.first));
      r.delta = key.second;
      r.n = a.err.size();
      double sum = 0;
      std::vector<double> abs_err;
      for (double e : a.err) {
        sum += e;
        abs_err.push_back(std::fabs(e));
      }
      r.mean_error_usd = sum / static_cast<double>(r.n) * kMultiplier;
      r.median_abs_usd = median(abs_err) * kMultiplier;
      r.median_abs_pct = median(a.abs_pct);
      r.median_abs_vol_pts = median(a.abs_vol);
      sv.rows.push_back(r);
    }
    // The condor: the first SPXW expiry after the session, when it is 1-2 days or a span.
    if (q.underlying == quotes::QuoteUnderlying::spx) {
      const ExpiryGroup* first = nullptr;
      for (const auto& g : obs.spxw_groups)
        if (g.session == s && (!first || g.expiry < first->expiry)) first = &g;
      if (first && (first->tenor == TenorBucket::one_weekday || first->tenor == TenorBucket::two_days ||
                    first->tenor == TenorBucket::weekend_span)) {
        sv.condor = compare_condor(obs, *first, model, condor, pricer);
        if (sv.condor && sv.condor->error_pct) {
          if (first->tenor == TenorBucket::one_weekday) condor_1d.push_back(std::fabs(*sv.condor->error_pct));
          if (first->tenor == TenorBucket::weekend_span) condor_span.push_back(std::fabs(*sv.condor->error_pct));
        }
        // Baseline: the real condor's strikes priced by the old model.
        if (sv.condor && sv.condor->real.strikes && sv.condor->real.credit > 0) {
          const auto& k = *sv.condor->real.strikes;
          const auto& si = obs.sessions[s];
          double credit = 0;
          bool ok = true;
          for (std::size_t i = 0; i < 4; ++i) {
            const auto b = baseline_spxw_quote(pricer, si.indices, si.vix_close, i < 2 ? OptionType::Put : OptionType::Call,
                                               first->forward, k[i], first->years_cal);
            ok = ok && b.has_value();
            if (b) credit += (i % 2 == 0 ? 1.0 : -1.0) * b->price;
          }
          if (ok) {
            const double e = std::fabs(credit - sv.condor->real.credit) / sv.condor->real.credit * 100.0;
            if (first->tenor == TenorBucket::one_weekday) base_condor_1d.push_back(e);
            if (first->tenor == TenorBucket::weekend_span) base_condor_span.push_back(e);
          }
        }
      }
    }
    out.sessions.push_back(std::move(sv));
  }
  out.summary.condor_1dte_weekday_median_abs_pct = median_or_null(condor_1d);
  out.summary.condor_span_weekend_median_abs_pct = median_or_null(condor_span);
  out.summary.spxw_leg_vol_median_abs_pts = median_or_null(legs);
  out.summary.vix_call_30_250_median_abs_pct = median_or_null(vix_calls);
  out.summary.condor_1dte_weekday_sessions = condor_1d.size();
  out.summary.condor_span_weekend_sessions = condor_span.size();
  out.summary.spxw_legs = legs.size();
  out.summary.vix_calls = vix_calls.size();
  out.baseline.condor_1dte_weekday_median_abs_pct = median_or_null(base_condor_1d);
  out.baseline.condor_span_weekend_median_abs_pct = median_or_null(base_condor_span);
  out.baseline.spxw_leg_vol_median_abs_pts = median_or_null(base_legs);
  out.baseline.vix_call_30_250_median_abs_pct = median_or_null(base_vix_calls);
  out.baseline.condor_1dte_weekday_sessions = base_condor_1d.size();
  out.baseline.condor_span_weekend_sessions = base_condor_span.size();
  out.baseline.spxw_legs = base_legs.size();
  out.baseline.vix_calls = base_vix_calls.size();
  return out;
}

}  // namespace alvh::calibration
