#pragma once
// nyse_open_dates.txt -> NYSE trading days: one ISO date a line, no header, strictly increasing.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/date.hpp"

namespace alvh {

std::vector<Date> parse_open_dates(std::string_view text, std::string file_name);
std::vector<Date> load_open_dates(const std::filesystem::path& path);

}  // namespace alvh
