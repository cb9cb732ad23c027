#include "alvh/data/vol_indices_csv.hpp"

#include <array>

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/date_order.hpp"
#include "alvh/data/text_file.hpp"

namespace alvh {

std::vector<VolIndexRow> parse_vol_indices(std::string_view text, std::string file_name) {
  CsvReader reader(text, std::move(file_name));
  reader.require_header_prefix({"date"});
  std::array<std::size_t, kVolIndexCount> column{};
  for (std::size_t i = 0; i < kVolIndexCount; ++i)
    column[i] = reader.require_column(vol_index_name(static_cast<VolIndex>(i)));

  std::vector<VolIndexRow> rows;
  rows.reserve(text.size() / 64);
  DateOrder order;
  CsvRecord r;
  while (reader.next(r)) {
    VolIndexRow row;
    row.date = r.date(0);
    order.check(r, 0, row.date);
    for (std::size_t i = 0; i < kVolIndexCount; ++i) row.close[i] = r.price(column[i]);
    rows.push_back(row);
  }
  reader.require_rows();
  return rows;
}

std::vector<VolIndexRow> load_vol_indices(const std::filesystem::path& path) {
  return parse_vol_indices(read_text_file(path), path.string());
}

}  // namespace alvh
