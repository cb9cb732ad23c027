#pragma once
// nyse_breadth_daily.csv -> BreadthRow per date from the NYSE all-issues columns nyse_advancers,
// nyse_decliners, nyse_ad, nyse_ad_cum, nyse_mcclellan (read by name; other columns ignored).
// Only blank is missing: 0 is a real breadth value (e.g. advancers == decliners gives A-D 0).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

std::vector<BreadthRow> parse_nyse_breadth(std::string_view text, std::string file_name);
std::vector<BreadthRow> load_nyse_breadth(const std::filesystem::path& path);

}  // namespace alvh
