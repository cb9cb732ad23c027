#include "alvh/data/ohlc_csv.hpp"

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/date_order.hpp"
#include "alvh/data/text_file.hpp"

namespace alvh {

OhlcSeries parse_ohlc_csv(std::string_view text, std::string file_name, const OhlcCsvLayout& layout) {
  CsvReader reader(text, std::move(file_name));
  reader.require_header_prefix({layout.date, layout.open, layout.high, layout.low, layout.close});
  OhlcSeries series;
  series.bars.reserve(text.size() / 48);
  DateOrder order;
  CsvRecord r;
  while (reader.next(r)) {
    OhlcBar bar{r.date(0), r.price(1), r.price(2), r.price(3), r.price(4)};
    order.check(r, 0, bar.date);
    const bool close_only = bar.close && bar.high == bar.close && bar.low == bar.close &&
                            (!bar.open || bar.open == bar.close);
    if (close_only) bar.open = bar.high = bar.low = std::nullopt;
    if (bar.open && bar.high && bar.low && (*bar.open > *bar.high || *bar.open < *bar.low)) {
      bar.open = std::nullopt;
    }
    series.bars.push_back(bar);
  }
  reader.require_rows();
  return series;
}

OhlcSeries parse_spx_daily(std::string_view text, std::string file_name) {
  return parse_ohlc_csv(text, std::move(file_name), OhlcCsvLayout{});
}

OhlcSeries load_spx_daily(const std::filesystem::path& path) {
  return parse_spx_daily(read_text_file(path), path.string());
}

OhlcSeries parse_vix_ohlc(std::string_view text, std::string file_name) {
  const OhlcCsvLayout layout{"DATE", "OPEN", "HIGH", "LOW", "CLOSE"};
  return parse_ohlc_csv(text, std::move(file_name), layout);
}

OhlcSeries load_vix_ohlc(const std::filesystem::path& path) {
  return parse_vix_ohlc(read_text_file(path), path.string());
}

}  // namespace alvh
