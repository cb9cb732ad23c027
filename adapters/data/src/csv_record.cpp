#include "alvh/data/csv_record.hpp"

#include <charconv>
#include <cmath>

#include "alvh/data/data_error.hpp"

namespace alvh {

void CsvRecord::fail(std::size_t index, std::string reason) const {
  throw DataError(std::string(file_), line_, index + 1, std::move(reason));
}

Date CsvRecord::date(std::size_t index) const {
  auto d = optional_date(index);
  if (!d) fail(index, "missing date");
  return *d;
}

std::optional<Date> CsvRecord::optional_date(std::size_t index) const {
  const std::string_view f = field(index);
  if (f.empty()) return std::nullopt;
  auto d = parse_iso_date(f);
  if (!d) fail(index, "'" + std::string(f) + "' is not a date (expected YYYY-MM-DD)");
  return d;
}

Value CsvRecord::number(std::size_t index) const {
  const std::string_view f = field(index);
  if (f.empty()) return std::nullopt;
  double v = 0.0;
  const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
  // from_chars also accepts "inf"/"nan"; neither is a market observation.
  if (ec != std::errc{} || end != f.data() + f.size() || !std::isfinite(v))
    fail(index, "'" + std::string(f) + "' is not a number");
  return v;
}

Value CsvRecord::price(std::size_t index) const {
  Value v = number(index);
  if (!v) return std::nullopt;
  if (*v == 0.0) fail(index, "zero price '" + std::string(field(index)) + "' (a blank field marks a missing value)");
  if (*v < 0.0) fail(index, "negative price '" + std::string(field(index)) + "'");
  return v;
}

Value CsvRecord::zero_is_missing(std::size_t index) const {
  Value v = number(index);
  if (!v || *v == 0.0) return std::nullopt;
  if (*v < 0.0) fail(index, "negative value '" + std::string(field(index)) + "'");
  return v;
}

std::optional<int> CsvRecord::integer(std::size_t index) const {
  const std::string_view f = field(index);
  if (f.empty()) return std::nullopt;
  int v = 0;
  const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
  if (ec != std::errc{} || end != f.data() + f.size())
    fail(index, "'" + std::string(f) + "' is not an integer");
  return v;
}

std::string_view CsvRecord::text(std::size_t index) const {
  const std::string_view f = field(index);
  if (f.empty()) fail(index, "missing value");
  return f;
}

}  // namespace alvh
