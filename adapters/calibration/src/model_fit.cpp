#include "alvh/calibration/model_fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "nelder_mead.hpp"

namespace alvh::calibration {

namespace {

constexpr double kOvernightPrior = 0.25, kOvernightPriorWidth = 0.10, kPriorWeight = 0.01;

double huber(double err_pts) { return std::sqrt(err_pts * err_pts + 0.25) - 0.5; }

// Each (session, tenor bucket) weighs the same.
std::vector<double> group_weights(const std::vector<ExpiryGroup>& groups, const std::vector<Observation>& obs) {
  std::map<std::pair<std::size_t, int>, double> count;
  for (const auto& o : obs) count[{groups[o.group].session, static_cast<int>(groups[o.group].tenor)}] += 1;
  std::vector<double> w(obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const auto& g = groups[obs[i].group];
    w[i] = 1.0 / count[{g.session, static_cast<int>(g.tenor)}];
  }
  return w;
}

// A pricer is not needed for vol-space losses; the model only needs one to exist.
struct NoPricer final : OptionPricer {
  OptionGreeks bsm(const BsmInput&) const override { return {}; }
  OptionGreeks black76(const Black76Input&) const override { return {}; }
  ImpliedVol bsm_implied_vol(const BsmInput&, double) const override { return {}; }
  ImpliedVol black76_implied_vol(const Black76Input&, double) const override { return {}; }
};

double spxw_loss_weighted(const ObservationSet& obs, const venue::SpxwModelParams& params,
                          const std::vector<double>& weights, const std::vector<bool>& mask) {
  static const NoPricer none;
  const venue::SpxwOptionModel model(none, params);
  double total = 0, wsum = 0;
  for (const auto& g : obs.spxw_groups) {
    if (!mask.empty() && !mask[g.session]) continue;
    const auto s = model.slice(*g.spxw);
    if (!s) continue;
    for (std::size_t i = g.first; i < g.first + g.count; ++i) {
      const auto& o = obs.spxw[i];
      if (std::fabs(o.real_delta) < 0.01 || !o.fit) continue;
      const double vol = model.vol_cal(*s, g.forward, o.strike);
      total += weights[i] * huber((vol - o.real_vol) * 100.0);
      wsum += weights[i];
    }
  }
  return wsum > 0 ? total / wsum : 0.0;
}

double vix_model_vol(const venue::VixModelParams& p, double vvix, double days, double m) {
  const double d = std::max(days, p.min_dte);
  const double atm = std::clamp(p.vvix_ratio * vvix / 100.0 * std::pow(30.0 / d, p.term_exponent), p.vol_floor, p.vol_cap);
  double slope = m >= 0 ? p.smile_up : p.smile_down;
  if (p.smile_term_exponent != 0) slope *= std::pow(30.0 / d, p.smile_term_exponent);
  return atm * std::max(1.0 + slope * m, 0.1);
}

double vix_loss_weighted(const ObservationSet& obs, const venue::VixModelParams& p, const std::vector<double>& weights) {
  double total = 0, wsum = 0;
  for (const auto& g : obs.vix_groups) {
    const auto vvix = obs.sessions[g.session].vvix;
    if (!vvix) continue;
    for (std::size_t i = g.first; i < g.first + g.count; ++i) {
      const auto& o = obs.vix[i];
      if (std::fabs(o.real_delta) < 0.01) continue;
      const bool goal = o.right == OptionType::Call && g.days >= 30 && o.real_delta >= 0.2 && o.real_delta <= 0.6;
      const double w = weights[i] * (goal ? 2.0 : 1.0);
      total += w * huber((vix_model_vol(p, *vvix, g.days, o.log_moneyness) - o.real_vol) * 100.0);
      wsum += w;
    }
  }
  return wsum > 0 ? total / wsum : 0.0;
}

// Parameter vector <-> SPXW params (bounded by clamping).
struct SpxwVector {
  static std::vector<double> from(const venue::SpxwModelParams& p) {
    return {p.clock.overnight_share, p.clock.weekend_day, p.clock.holiday, p.ratio_vix1d, p.ratio_vix9d, p.ratio_vix,
            p.ratio_vix3m, p.smile.slope, p.smile.put_curve, p.smile.call_curve, p.smile.term_exponent};
  }
  static venue::SpxwModelParams to(const std::vector<double>& x, venue::SpxwModelParams p) {
    p.clock.overnight_share = std::clamp(x[0], 0.0, 0.8);
    p.clock.weekend_day = std::clamp(x[1], 0.0, 1.0);
    p.clock.holiday = std::clamp(x[2], 0.0, 1.5);
    p.ratio_vix1d = std::clamp(x[3], 0.3, 2.0);
    p.ratio_vix9d = std::clamp(x[4], 0.3, 2.0);
    p.ratio_vix = std::clamp(x[5], 0.3, 2.0);
    p.ratio_vix3m = std::clamp(x[6], 0.3, 2.0);
    p.smile.slope = std::clamp(x[7], -1.0, 0.5);
    p.smile.put_curve = std::clamp(x[8], -0.1, 0.5);
    p.smile.call_curve = std::clamp(x[9], -0.1, 0.5);
    p.smile.term_exponent = std::clamp(x[10], -1.0, 1.0);
    return p;
  }
};

venue::SpxwModelParams fit_smile(const ObservationSet& obs, venue::SpxwModelParams p, const std::vector<double>& w,
                                 const std::vector<bool>& mask, int* evals = nullptr) {
  auto to = [&](const std::vector<double>& x) {
    venue::SpxwModelParams q = p;
    q.smile.slope = std::clamp(x[0], -1.0, 0.5);
    q.smile.put_curve = std::clamp(x[1], -0.1, 0.5);
    q.smile.call_curve = std::clamp(x[2], -0.1, 0.5);
    q.smile.term_exponent = std::clamp(x[3], -1.0, 1.0);
    return q;
  };
  const auto r = detail::nelder_mead([&](const std::vector<double>& x) { return spxw_loss_weighted(obs, to(x), w, mask); },
                                     {p.smile.slope, p.smile.put_curve, p.smile.call_curve, p.smile.term_exponent},
                                     {0.05, 0.02, 0.02, 0.1}, 600);
  if (evals) *evals += r.evaluations;
  return to(r.x);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

struct WidthSample {
  double mid, days, width, weight;
};

venue::SpreadParams fit_widths(const std::vector<WidthSample>& samples, venue::SpreadParams p, FitStage& stage) {
  std::vector<double> widths;
  for (const auto& s : samples) widths.push_back(s.width);
  p.max_width = std::max(0.10, std::ceil(quantile(widths, 0.95) * 20.0) / 20.0);
  auto loss = [&](const venue::SpreadParams& q) {
    double t = 0, w = 0;
    for (const auto& s : samples) {
      t += s.weight * std::fabs(std::log(venue::quote_width(s.mid, s.days, q) / s.width));
      w += s.weight;
    }
    return w > 0 ? t / w : 0.0;
  };
  auto to = [&](const std::vector<double>& x) {
    venue::SpreadParams q = p;
    q.base = std::clamp(x[0], 0.0, 1.0);
    q.share = std::clamp(x[1], 0.0, 1.0);
    q.tenor_exponent = std::clamp(x[2], -1.0, 1.0);
    return q;
  };
  stage.loss_before = loss(p);
  const auto r = detail::nelder_mead([&](const std::vector<double>& x) { return loss(to(x)); },
                                     {p.base, p.share, p.tenor_exponent}, {0.05, 0.02, 0.1}, 800);
  stage.loss_after = r.value;
  stage.evaluations = r.evaluations;
  stage.observations = samples.size();
  return to(r.x);
}

}  // namespace

double spxw_loss(const ObservationSet& obs, const venue::SpxwModelParams& params, const std::vector<bool>& mask) {
  return spxw_loss_weighted(obs, params, group_weights(obs.spxw_groups, obs.spxw), mask);
}

double vix_loss(const ObservationSet& obs, const venue::VixModelParams& params) {
  return vix_loss_weighted(obs, params, group_weights(obs.vix_groups, obs.vix));
}

CalibrationResult calibrate(const ObservationSet& obs, const venue::OptionModelParams& start) {
  CalibrationResult out;
  out.params = start;
  for (const auto& s : obs.sessions) out.sessions.push_back(s.quotes->label());

  // SPXW: all parameters jointly, smile without SKEW scaling first.
  if (!obs.spxw.empty()) {
    const auto w = group_weights(obs.spxw_groups, obs.spxw);
    venue::SpxwModelParams p = start.spxw;
    p.smile.skew_index_scaling = false;
    out.spxw.loss_before = spxw_loss_weighted(obs, p, w, {});
    const std::vector<double> step{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.02, 0.02, 0.1};
    // Only intraday chains inform the overnight share (two in the calibration set); a weak prior
    // keeps it near the usual SPX close-to-open share when they do not say otherwise.
    auto objective = [&](const std::vector<double>& x) {
      const auto q = SpxwVector::to(x, p);
      const double prior = (q.clock.overnight_share - kOvernightPrior) / kOvernightPriorWidth;
      return spxw_loss_weighted(obs, q, w, {}) + kPriorWeight * prior * prior;
    };
    auto r = detail::nelder_mead(objective, SpxwVector::from(p), step, 2000);
    // One restart from the optimum escapes a collapsed simplex.
    auto r2 = detail::nelder_mead(objective, r.x, step, 1000);
    p = SpxwVector::to(r2.x, p);
    out.spxw.evaluations = r.evaluations + r2.evaluations;
    out.spxw.observations = obs.spxw.size();
    out.spxw.groups = obs.spxw_groups.size();

    // SKEW test: two folds over sessions, smile refitted on one, measured on the other.
    std::vector<double> skews;
    for (const auto& s : obs.sessions)
      if (s.skew && s.quotes->underlying == quotes::QuoteUnderlying::spx) skews.push_back(*s.skew);
    double reference = 0;
    for (double s : skews) reference += s / static_cast<double>(std::max<std::size_t>(skews.size(), 1));
    if (reference > 100) {
      std::vector<bool> a(obs.sessions.size()), b(obs.sessions.size());
      std::size_t k = 0;
      for (std::size_t i = 0; i < obs.sessions.size(); ++i) {
        if (obs.sessions[i].quotes->underlying != quotes::QuoteUnderlying::spx) continue;
        (k++ % 2 == 0 ? a : b)[i] = true;
      }
      auto cv = [&](bool scaled) {
        venue::SpxwModelParams q = p;
        q.smile.skew_index_scaling = scaled;
        q.smile.skew_reference = reference;
        const auto pa = fit_smile(obs, q, w, a, &out.spxw.evaluations);
        const auto pb = fit_smile(obs, q, w, b, &out.spxw.evaluations);
        return 0.5 * (spxw_loss_weighted(obs, pa, w, b) + spxw_loss_weighted(obs, pb, w, a));
      };
      out.skew_cv_without = cv(false);
      out.skew_cv_with = cv(true);
      out.skew_kept = out.skew_cv_with < out.skew_cv_without;
      p.smile.skew_reference = std::round(reference * 10.0) / 10.0;
      if (out.skew_kept) {
        p.smile.skew_index_scaling = true;
        p = fit_smile(obs, p, w, {}, &out.spxw.evaluations);
      }
    }
    out.spxw.loss_after = spxw_loss_weighted(obs, p, w, {});
    out.params.spxw = p;
  }

  // VIX options.
  if (!obs.vix.empty()) {
    const auto w = group_weights(obs.vix_groups, obs.vix);
    venue::VixModelParams p = start.vix;
    auto to = [&](const std::vector<double>& x) {
      venue::VixModelParams q = p;
      q.vvix_ratio = std::clamp(x[0], 0.3, 2.0);
      q.term_exponent = std::clamp(x[1], -0.5, 1.5);
      q.smile_up = std::clamp(x[2], -1.0, 3.0);
      q.smile_down = std::clamp(x[3], -1.0, 3.0);
      q.smile_term_exponent = std::clamp(x[4], -1.0, 1.5);
      return q;
    };
    out.vix.loss_before = vix_loss_weighted(obs, p, w);
    const std::vector<double> x0{p.vvix_ratio, p.term_exponent, p.smile_up, p.smile_down, p.smile_term_exponent};
    auto f = [&](const std::vector<double>& x) { return vix_loss_weighted(obs, to(x), w); };
    auto r = detail::nelder_mead(f, x0, {0.1, 0.1, 0.1, 0.1, 0.1}, 1500);
    auto r2 = detail::nelder_mead(f, r.x, {0.1, 0.1, 0.1, 0.1, 0.1}, 1000);
    out.params.vix = to(r2.x);
    out.vix.loss_after = r2.value;
    out.vix.evaluations = r.evaluations + r2.evaluations;
    out.vix.observations = obs.vix.size();
    out.vix.groups = obs.vix_groups.size();
  }

  // Widths, and the half width of the legs a 1-day condor trades.
  std::vector<WidthSample> spxw_w, vix_w;
  std::vector<double> leg_half, vix_half;
  const auto spxw_weights = group_weights(obs.spxw_groups, obs.spxw);
  const auto vix_weights = group_weights(obs.vix_groups, obs.vix);
  for (std::size_t i = 0; i < obs.spxw.size(); ++i) {
    const auto& o = obs.spxw[i];
    const auto& g = obs.spxw_groups[o.group];
    spxw_w.push_back({o.mid, g.days, o.ask - o.bid, spxw_weights[i]});
    const bool one_day = g.tenor == TenorBucket::one_weekday || g.tenor == TenorBucket::weekend_span;
    if (one_day && std::fabs(o.real_delta) >= 0.02 && std::fabs(o.real_delta) <= 0.15) leg_half.push_back(0.5 * (o.ask - o.bid));
  }
  for (std::size_t i = 0; i < obs.vix.size(); ++i) {
    const auto& o = obs.vix[i];
    if (obs.sessions[obs.vix_groups[o.group].session].quotes->kind != quotes::QuoteKind::price) continue;
    vix_w.push_back({o.mid, obs.vix_groups[o.group].days, o.ask - o.bid, vix_weights[i]});
    if (o.right == OptionType::Call && o.real_delta >= 0.2 && o.real_delta <= 0.6) vix_half.push_back(0.5 * (o.ask - o.bid));
  }
  if (!spxw_w.empty()) out.params.spxw_spread = fit_widths(spxw_w, start.spxw_spread, out.spxw_width);
  if (!vix_w.empty()) out.params.vix_spread = fit_widths(vix_w, start.vix_spread, out.vix_width);
  out.spxw_leg_half_width = std::ceil(median(leg_half) * 100.0 - 1e-9) / 100.0;
  out.vix_call_half_width = std::ceil(median(vix_half) * 100.0 - 1e-9) / 100.0;
  return out;
}

}  // namespace alvh::calibration
