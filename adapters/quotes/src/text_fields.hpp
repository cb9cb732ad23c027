#pragma once
// Small text helpers shared by the quote readers (private to alvh::quotes).
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/quotes/quote_reader.hpp"

namespace alvh::quotes::detail {

// One CSV line split on commas; double quotes group a field. Strips \r, a UTF-8 BOM and the
// spaces around each field.
std::vector<std::string> split_csv(const std::string& line);
std::string lower(std::string s);
std::vector<std::string> read_lines(const std::filesystem::path& file);

[[noreturn]] void fail(const std::string& file, int line, const std::string& column, const std::string& message);

// Numbers and dates of one field; the error names file:line: column.
double number(const std::string& file, int line, const std::string& column, const std::string& text);
std::optional<double> number_or_na(const std::string& file, int line, const std::string& column,
                                   const std::string& text);
Date mdy_date(const std::string& file, int line, const std::string& column, const std::string& text);  // 01/31/2018
Date iso_or_compact_date(const std::string& file, int line, const std::string& column,
                         const std::string& text);  // 2016-06-01 or 20191224

// OCC option symbol: ROOT + YYMMDD + C/P + strike x 1000 (8 digits), e.g. SPXW230609C04300000.
struct OccSymbol {
  std::string root;
  Date expiry{};
  OptionType right = OptionType::Call;
  double strike = 0;
};
std::optional<OccSymbol> parse_occ(const std::string& text);

}  // namespace alvh::quotes::detail
