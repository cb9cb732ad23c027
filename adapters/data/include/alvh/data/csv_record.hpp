#pragma once
// One data line of a CSV file, with typed field accessors that fail with the field's exact place.
// Fields are views into the reader's text, valid until the reader moves on.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/market_series.hpp"

namespace alvh {

class CsvRecord {
 public:
  std::size_t line() const noexcept { return line_; }
  std::size_t size() const noexcept { return fields_.size(); }
  // index is 0-based; errors report it as column index + 1.
  std::string_view field(std::size_t index) const { return fields_.at(index); }

  [[noreturn]] void fail(std::size_t index, std::string reason) const;

  Date date(std::size_t index) const;                     // required
  std::optional<Date> optional_date(std::size_t index) const;  // blank -> empty
  Value number(std::size_t index) const;                  // blank -> empty; 0 is a value
  // Prices and index levels: blank -> empty; 0 or negative -> error (no bundled file writes 0 for
  // "missing" in a price column, so a 0 is a broken row, not a gap).
  Value price(std::size_t index) const;
  // For sources that write 0 for "no trade" (the per-contract VX file, data/SOURCES.md): blank or
  // 0 -> empty; negative -> error.
  Value zero_is_missing(std::size_t index) const;
  std::optional<int> integer(std::size_t index) const;    // blank -> empty
  std::string_view text(std::size_t index) const;         // required, non-blank

 private:
  friend class CsvReader;
  std::string_view file_;
  std::size_t line_ = 0;
  std::vector<std::string_view> fields_;
};

}  // namespace alvh
