#include "alvh/data/open_dates_txt.hpp"

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/date_order.hpp"
#include "alvh/data/text_file.hpp"

namespace alvh {

std::vector<Date> parse_open_dates(std::string_view text, std::string file_name) {
  CsvReader reader = CsvReader::headerless(text, std::move(file_name), 1);
  std::vector<Date> dates;
  dates.reserve(text.size() / 11);
  DateOrder order;
  CsvRecord r;
  while (reader.next(r)) {
    const Date d = r.date(0);
    order.check(r, 0, d);
    dates.push_back(d);
  }
  reader.require_rows();
  return dates;
}

std::vector<Date> load_open_dates(const std::filesystem::path& path) {
  return parse_open_dates(read_text_file(path), path.string());
}

}  // namespace alvh
