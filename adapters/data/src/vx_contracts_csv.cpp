#include "alvh/data/vx_contracts_csv.hpp"

#include <array>
#include <string>

#include "alvh/data/csv_reader.hpp"
#include "alvh/data/date_order.hpp"
#include "alvh/data/text_file.hpp"

namespace alvh {

std::vector<VxContractRow> parse_vx_contracts(std::string_view text, std::string file_name) {
  CsvReader reader(text, std::move(file_name));
  const std::size_t trade_date = reader.require_column("trade_date");
  const std::size_t contract = reader.require_column("contract");
  const std::size_t expiry = reader.require_column("expiry");
  const std::size_t dte = reader.require_column("days_to_expiry");
  // Zero means "no trade" for every one of these, volume and open interest included.
  static constexpr std::array<std::string_view, 7> kValueNames{
      "open", "high", "low", "close", "settle", "volume", "open_interest"};
  std::array<std::size_t, kValueNames.size()> col{};
  for (std::size_t i = 0; i < kValueNames.size(); ++i) col[i] = reader.require_column(kValueNames[i]);

  std::vector<VxContractRow> rows;
  rows.reserve(text.size() / 120);
  DateOrder order(DateOrder::Mode::NonDecreasing);
  std::size_t day_begin = 0;  // first row of the current trade date, for the duplicate check
  CsvRecord r;
  while (reader.next(r)) {
    VxContractRow row;
    row.trade_date = r.date(trade_date);
    order.check(r, trade_date, row.trade_date);
    if (!rows.empty() && rows.back().trade_date != row.trade_date) day_begin = rows.size();
    const std::string_view code = r.text(contract);
    for (std::size_t i = day_begin; i < rows.size(); ++i)
      if (rows[i].contract == code)
        r.fail(contract, "duplicate contract " + std::string(code) + " on " + to_iso(row.trade_date));
    row.contract = std::string(code);
    row.expiry = r.date(expiry);
    const auto days = r.integer(dte);
    if (!days) r.fail(dte, "missing days to expiry");
    if (*days != days_between(row.trade_date, row.expiry))
      r.fail(dte, "days to expiry " + std::to_string(*days) + " disagrees with expiry " +
                      to_iso(row.expiry) + " (" +
                      std::to_string(days_between(row.trade_date, row.expiry)) + " days)");
    row.days_to_expiry = *days;
    row.open = r.zero_is_missing(col[0]);
    row.high = r.zero_is_missing(col[1]);
    row.low = r.zero_is_missing(col[2]);
    row.close = r.zero_is_missing(col[3]);
    row.settle = r.zero_is_missing(col[4]);
    row.volume = r.zero_is_missing(col[5]);
    row.open_interest = r.zero_is_missing(col[6]);
    rows.push_back(std::move(row));
  }
  reader.require_rows();
  return rows;
}

std::vector<VxContractRow> load_vx_contracts(const std::filesystem::path& path) {
  return parse_vx_contracts(read_text_file(path), path.string());
}

}  // namespace alvh
