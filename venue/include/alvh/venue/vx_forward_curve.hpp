#pragma once
// The VX future for a VIX-option expiry date. Delegates to the signals' constant-maturity helper
// (linear in days to expiry between listed months, flat beyond them, the VIX-index proxy of
// docs/references.md §R3 before VX data) and labels the result for the report.
#include <optional>

#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"

namespace alvh::venue {

enum class ForwardSource {
  listed,        // the expiry is one of M1..M8: its own settlement
  interpolated,  // linear in days to expiry between two listed months
  extrapolated,  // outside the listed months: flat at the nearest one (labelled, not a quote)
  index_proxy    // no curve that day: model value from the VIX index family (labelled)
};

const char* forward_source_name(ForwardSource s);

struct VxForward {
  double value = 0;
  ForwardSource source = ForwardSource::listed;
};

// Valuation on `valuation` (= the curve row's date). Empty when expiry is before valuation or
// neither the curve nor the indices give a value.
std::optional<VxForward> vx_forward(const VxCurveRow* curve, const VolIndexRow* indices, Date valuation,
                                    Date expiry);

}  // namespace alvh::venue
