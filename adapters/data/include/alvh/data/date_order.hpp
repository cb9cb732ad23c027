#pragma once
// Enforces the series invariant "dates strictly increase" (or, for files with several rows per
// day, "never decrease") while reading, so an unsorted or duplicated row is reported where it is.
#include <cstddef>
#include <optional>

#include "alvh/core/date.hpp"
#include "alvh/data/csv_record.hpp"

namespace alvh {

class DateOrder {
 public:
  enum class Mode { Strict, NonDecreasing };
  explicit DateOrder(Mode mode = Mode::Strict) : mode_(mode) {}

  // Fails on `record` at column `index` when `date` breaks the order.
  void check(const CsvRecord& record, std::size_t index, Date date);

 private:
  Mode mode_;
  std::optional<Date> previous_;
  std::size_t previous_line_ = 0;
};

}  // namespace alvh
