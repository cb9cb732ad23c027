#pragma once
// vx_futures_m1_m8_settle.csv -> VxCurveRow per date: columns VX1..VX8 (settle), VXn_expiry and
// VXn_dte, read by name. Blank settle -> missing, 0 or negative -> DataError; a dte that disagrees
// with the calendar days from date to expiry is reported as an error (it would silently shift every
// interpolation).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

std::vector<VxCurveRow> parse_vx_curve(std::string_view text, std::string file_name);
std::vector<VxCurveRow> load_vx_curve(const std::filesystem::path& path);

}  // namespace alvh
