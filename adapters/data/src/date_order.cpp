#include "alvh/data/date_order.hpp"

#include <string>

namespace alvh {

void DateOrder::check(const CsvRecord& record, std::size_t index, Date date) {
  if (previous_) {
    if (date == *previous_ && mode_ == Mode::Strict)
      record.fail(index, "duplicate date " + to_iso(date) + ", already on line " +
                             std::to_string(previous_line_));
    if (date < *previous_)
      record.fail(index, "date out of order: " + to_iso(date) + " comes after " +
                             to_iso(*previous_) + " (line " + std::to_string(previous_line_) + ")");
  }
  previous_ = date;
  previous_line_ = record.line();
}

}  // namespace alvh
