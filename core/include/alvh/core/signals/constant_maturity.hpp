#pragma once
// Constant-maturity VIX futures price at a tenor in calendar days.
// With a VX curve row: linear interpolation in days-to-expiry between the two listed contracts
// (M1..M8, those with a settle and a DTE) that bracket the tenor. Outside the listed range the
// price is held FLAT at the nearest contract (M1 before it, the last one beyond it) and labelled
// VxExtrapolated: flat because a linear slope through the back months overshoots in spikes.
// Without a curve (before VX data, 2007-04) a model proxy from the VIX index family, labelled
// IndexProxy (docs/references.md §R3): knots (0, 0) and tau = 9/30/93/184/365 d for VIX9D/VIX/VIX3M/VIX6M/VIX1Y,
// whichever exist that day; total variance w = sigma^2 tau / 365 interpolated linearly (forced
// non-decreasing, i.e. forward variance floored at 0), flat forward variance beyond the last knot;
// F(T) = 100 sqrt((w(T+30) - w(T)) / (30/365)) exp(-sigma_v(T)^2 T / 2), T = tenor/365,
// sigma_v(T) = clamp(VVIX/100 (30/tenor)^0.35, 0.30, 2.50) (docs/references.md §R3), VVIX 86 when absent.
#include <string_view>

#include "alvh/core/market_series.hpp"

namespace alvh {

enum class CurveSource { VxCurve, VxExtrapolated, IndexProxy, Missing };
std::string_view curve_source_name(CurveSource s);

struct ConstantMaturityQuote {
  Value price;
  CurveSource source = CurveSource::Missing;
};

struct IndexProxyParams {
  double default_vvix = 86.0;     // 2007-2012 VVIX average (docs/references.md §R3) when VVIX is absent
  double vvix_exponent = 0.35;    // sigma_v term structure (30/DTE)^0.35
  double sigma_v_floor = 0.30;
  double sigma_v_cap = 2.50;
};

// From the listed curve only; Missing when the row has no usable contract.
ConstantMaturityQuote constant_maturity_from_curve(const VxCurveRow& row, int tenor_days);

// From the index family only; Missing without a VIX close.
ConstantMaturityQuote constant_maturity_from_indices(const VolIndexRow& row, int tenor_days,
                                                     const IndexProxyParams& params = {});

// The curve when `curve` is given and usable, else the index proxy when `indices` is given and
// `allow_proxy`, else Missing.
ConstantMaturityQuote constant_maturity_vx(const VxCurveRow* curve, const VolIndexRow* indices, int tenor_days,
                                           bool allow_proxy = true, const IndexProxyParams& params = {});

}  // namespace alvh
