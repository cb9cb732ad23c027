#include "alvh/core/signals/constant_maturity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include "valid_subsequence.hpp"

namespace alvh {

std::string_view curve_source_name(CurveSource s) {
  switch (s) {
    case CurveSource::VxCurve: return "VxCurve";
    case CurveSource::VxExtrapolated: return "VxExtrapolated";
    case CurveSource::IndexProxy: return "IndexProxy";
    case CurveSource::Missing: return "Missing";
  }
  return "Missing";
}

namespace {

struct Knot {
  double tau = 0.0;  // days
  double y = 0.0;
};

// Linear interpolation through knots sorted by tau (at least 2), flat slope of the last segment
// beyond the end; used for total variance.
double interpolate_extend(const Knot* k, std::size_t n, double tau) {
  std::size_t i = 1;
  while (i + 1 < n && k[i].tau < tau) ++i;
  const Knot& a = k[i - 1];
  const Knot& b = k[i];
  return a.y + (b.y - a.y) * (tau - a.tau) / (b.tau - a.tau);
}

}  // namespace

ConstantMaturityQuote constant_maturity_from_curve(const VxCurveRow& row, int tenor_days) {
  std::array<Knot, kVxMonths> knots{};
  std::size_t n = 0;
  for (std::size_t m = 0; m < kVxMonths; ++m) {
    if (!detail::is_valid(row.settle[m]) || !row.days_to_expiry[m]) continue;
    const double tau = static_cast<double>(*row.days_to_expiry[m]);
    if (n > 0 && tau <= knots[n - 1].tau) continue;  // ranks must increase in DTE
    knots[n++] = Knot{tau, *row.settle[m]};
  }
  if (n == 0) return {};
  const double t = static_cast<double>(tenor_days);
  if (t < knots[0].tau) return {knots[0].y, CurveSource::VxExtrapolated};
  if (t > knots[n - 1].tau) return {knots[n - 1].y, CurveSource::VxExtrapolated};
  std::size_t i = 0;
  while (knots[i].tau < t) ++i;  // knots[i].tau >= t, and i > 0 unless t equals M1's DTE
  if (knots[i].tau == t) return {knots[i].y, CurveSource::VxCurve};
  const Knot& a = knots[i - 1];
  const Knot& b = knots[i];
  return {a.y + (b.y - a.y) * (t - a.tau) / (b.tau - a.tau), CurveSource::VxCurve};
}

ConstantMaturityQuote constant_maturity_from_indices(const VolIndexRow& row, int tenor_days,
                                                     const IndexProxyParams& params) {
  if (!detail::is_valid(row.get(VolIndex::VIX)) || tenor_days < 1) return {};
  constexpr std::array<std::pair<VolIndex, double>, 5> kKnots = {{{VolIndex::VIX9D, 9.0},
                                                                   {VolIndex::VIX, 30.0},
                                                                   {VolIndex::VIX3M, 93.0},
                                                                   {VolIndex::VIX6M, 184.0},
                                                                   {VolIndex::VIX1Y, 365.0}}};
  std::array<Knot, 6> w{};
  std::size_t n = 1;  // w(0) = 0
  for (const auto& [index, tau] : kKnots) {
    const Value v = row.get(index);
    if (!detail::is_valid(v) || *v <= 0.0) continue;
    const double sigma = *v / 100.0;
    // Monotone total variance: a negative forward variance is floored at 0.
    w[n] = Knot{tau, std::max(sigma * sigma * tau / 365.0, w[n - 1].y)};
    ++n;
  }
  const double t = static_cast<double>(tenor_days);
  const double fv = (interpolate_extend(w.data(), n, t + 30.0) - interpolate_extend(w.data(), n, t)) / (30.0 / 365.0);
  const Value vvix = row.get(VolIndex::VVIX);
  const double vvix_level = detail::is_valid(vvix) ? *vvix : params.default_vvix;
  const double sigma_v = std::clamp(vvix_level / 100.0 * std::pow(30.0 / t, params.vvix_exponent),
                                    params.sigma_v_floor, params.sigma_v_cap);
  const double years = t / 365.0;
  return {100.0 * std::sqrt(std::max(fv, 0.0)) * std::exp(-sigma_v * sigma_v * years / 2.0), CurveSource::IndexProxy};
}

ConstantMaturityQuote constant_maturity_vx(const VxCurveRow* curve, const VolIndexRow* indices, int tenor_days,
                                           bool allow_proxy, const IndexProxyParams& params) {
  if (curve != nullptr) {
    auto q = constant_maturity_from_curve(*curve, tenor_days);
    if (q.source != CurveSource::Missing) return q;
  }
  if (allow_proxy && indices != nullptr) return constant_maturity_from_indices(*indices, tenor_days, params);
  return {};
}

}  // namespace alvh
