#include "alvh/data/nyse_breadth_csv.hpp"

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/date_order.hpp"
#include "alvh/data/text_file.hpp"

namespace alvh {

std::vector<BreadthRow> parse_nyse_breadth(std::string_view text, std::string file_name) {
  CsvReader reader(text, std::move(file_name));
  reader.require_header_prefix({"date"});
  const std::size_t adv = reader.require_column("nyse_advancers");
  const std::size_t dec = reader.require_column("nyse_decliners");
  const std::size_t ad = reader.require_column("nyse_ad");
  const std::size_t cum = reader.require_column("nyse_ad_cum");
  const std::size_t mcc = reader.require_column("nyse_mcclellan");

  std::vector<BreadthRow> rows;
  DateOrder order;
  CsvRecord r;
  while (reader.next(r)) {
    BreadthRow row;
    row.date = r.date(0);
    order.check(r, 0, row.date);
    row.advancers = r.number(adv);
    row.decliners = r.number(dec);
    row.ad = r.number(ad);
    row.ad_cum = r.number(cum);
    row.mcclellan = r.number(mcc);
    rows.push_back(row);
  }
  reader.require_rows();
  return rows;
}

std::vector<BreadthRow> load_nyse_breadth(const std::filesystem::path& path) {
  return parse_nyse_breadth(read_text_file(path), path.string());
}

}  // namespace alvh
