#pragma once
// Batch output of the SignalEngine: one row per panel date, one column per signal output
// ("rsi_vix", "macd_vix.hist"), values column-major so a rule scans a column contiguously.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"
#include "alvh/core/rule.hpp"

namespace alvh {

struct SignalTable {
  std::vector<Date> dates;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> values;  // values[column][row]

  std::optional<std::size_t> column_index(std::string_view name) const;
  // Throws std::out_of_range naming the column when it does not exist.
  const std::vector<Value>& column(std::string_view name) const;
  Value at(std::size_t row, std::string_view name) const { return column(name)[row]; }
  // Every column's value on one row, as rules read them.
  SignalValues row_values(std::size_t row) const;
  // The row of date `d`, or nullopt when the table has no such date.
  std::optional<SignalValues> values_on(Date d) const;
};

}  // namespace alvh
