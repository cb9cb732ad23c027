#pragma once
// vx_contracts_daily.csv -> VxContractRow per (trade date, contract), columns read by name.
// The raw CFE files write 0 for "no trade": any 0 in open/high/low/close/settle/volume/
// open_interest becomes a missing value (a no-trade row is then all missing). Rows are grouped by
// trade date (never decreasing); a contract twice on one date is an error, as is a
// days_to_expiry that disagrees with trade_date -> expiry.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh {

std::vector<VxContractRow> parse_vx_contracts(std::string_view text, std::string file_name);
std::vector<VxContractRow> load_vx_contracts(const std::filesystem::path& path);

}  // namespace alvh
