#include "alvh/venue/vx_forward_curve.hpp"

#include <cstddef>

#include "alvh/core/signals/constant_maturity.hpp"

namespace alvh::venue {

const char* forward_source_name(ForwardSource s) {
  switch (s) {
    case ForwardSource::listed: return "listed";
    case ForwardSource::interpolated: return "interpolated";
    case ForwardSource::extrapolated: return "extrapolated";
    case ForwardSource::index_proxy: return "index_proxy";
  }
  return "?";
}

std::optional<VxForward> vx_forward(const VxCurveRow* curve, const VolIndexRow* indices, Date valuation,
                                    Date expiry) {
  const int tenor = days_between(valuation, expiry);
  if (tenor < 0) return std::nullopt;
  if (curve != nullptr)
    for (std::size_t i = 0; i < kVxMonths; ++i)
      if (curve->expiry[i] == expiry && curve->settle[i]) return VxForward{*curve->settle[i], ForwardSource::listed};
  const ConstantMaturityQuote q = constant_maturity_vx(curve, indices, tenor);
  if (!q.price) return std::nullopt;
  switch (q.source) {
    case CurveSource::VxCurve: return VxForward{*q.price, ForwardSource::interpolated};
    case CurveSource::VxExtrapolated: return VxForward{*q.price, ForwardSource::extrapolated};
    case CurveSource::IndexProxy: return VxForward{*q.price, ForwardSource::index_proxy};
    case CurveSource::Missing: break;
  }
  return std::nullopt;
}

}  // namespace alvh::venue
