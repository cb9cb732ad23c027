#pragma once
// cboe_vol_indices_daily.csv -> VolIndexRow per date. Reads the nine VolIndex columns by name
// (any order; the file's other indices are ignored). Blank (index not launched yet) -> missing;
// 0 or negative -> DataError (an index level is never 0).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

std::vector<VolIndexRow> parse_vol_indices(std::string_view text, std::string file_name);
std::vector<VolIndexRow> load_vol_indices(const std::filesystem::path& path);

}  // namespace alvh
