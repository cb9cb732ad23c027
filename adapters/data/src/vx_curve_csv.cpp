#include "alvh/data/vx_curve_csv.hpp"

#include <array>

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/date_order.hpp"
#include "alvh/data/text_file.hpp"

namespace alvh {

std::vector<VxCurveRow> parse_vx_curve(std::string_view text, std::string file_name) {
  CsvReader reader(text, std::move(file_name));
  reader.require_header_prefix({"date"});
  std::array<std::size_t, kVxMonths> settle_col{}, expiry_col{}, dte_col{};
  for (std::size_t m = 0; m < kVxMonths; ++m) {
    const std::string name = "VX" + std::to_string(m + 1);
    settle_col[m] = reader.require_column(name);
    expiry_col[m] = reader.require_column(name + "_expiry");
    dte_col[m] = reader.require_column(name + "_dte");
  }

  std::vector<VxCurveRow> rows;
  rows.reserve(text.size() / 200);
  DateOrder order;
  CsvRecord r;
  while (reader.next(r)) {
    VxCurveRow row;
    row.date = r.date(0);
    order.check(r, 0, row.date);
    for (std::size_t m = 0; m < kVxMonths; ++m) {
      row.settle[m] = r.price(settle_col[m]);
      row.expiry[m] = r.optional_date(expiry_col[m]);
      row.days_to_expiry[m] = r.integer(dte_col[m]);
      if (row.expiry[m] && row.days_to_expiry[m] &&
          *row.days_to_expiry[m] != days_between(row.date, *row.expiry[m]))
        r.fail(dte_col[m], "days to expiry " + std::to_string(*row.days_to_expiry[m]) +
                               " disagrees with expiry " + to_iso(*row.expiry[m]) + " (" +
                               std::to_string(days_between(row.date, *row.expiry[m])) + " days)");
    }
    rows.push_back(row);
  }
  reader.require_rows();
  return rows;
}

std::vector<VxCurveRow> load_vx_curve(const std::filesystem::path& path) {
  return parse_vx_curve(read_text_file(path), path.string());
}

}  // namespace alvh
