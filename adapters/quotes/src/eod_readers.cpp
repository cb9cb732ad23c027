// End-of-day layouts with one row per option and a quote-date column: Cboe DataShop "Option EOD
// Summary" (closing bid_eod/ask_eod; underlying_* columns are the index, not a future) and the
// vendor layout `underlying,underlying_last, exchange,optionroot,...` (one session per quotedate).
#include <map>

#include "cboe_delayed_reader.hpp"
#include "text_fields.hpp"

namespace alvh::quotes::detail {

namespace {

std::map<std::string, std::size_t> column_index(const std::vector<std::string>& header) {
  std::map<std::string, std::size_t> out;
  for (std::size_t i = 0; i < header.size(); ++i) out.emplace(lower(header[i]), i);
  return out;
}

std::size_t need(const std::map<std::string, std::size_t>& cols, const std::string& name, const std::string& file) {
  auto it = cols.find(name);
  if (it == cols.end()) fail(file, 1, name, "column missing from the header");
  return it->second;
}

QuoteUnderlying underlying_of(const std::string& root) {
  return lower(root).find("vix") != std::string::npos ? QuoteUnderlying::vix : QuoteUnderlying::spx;
}

QuoteSession closing_session(const std::string& file, const std::string& layout, Date date,
                             const ExchangeCalendar& calendar, int line) {
  if (!calendar.is_trading_day(date)) fail(file, line, "quote date", to_iso(date) + " is not a trading day");
  QuoteSession s;
  s.file = file;
  s.layout = layout;
  s.date = date;
  s.minutes = calendar.close_minutes(date) + 15;
  s.closing = true;
  s.index_date = date;
  return s;
}

// The two end-of-day layouts differ only in column names, date format and the call/put words; one
// loop reads both, one session per quote date.
struct EodLayout {
  const char* name;
  const char *date, *root, *expiry, *strike, *type, *bid, *ask;  // column names (lower case)
  Date (*parse_date)(const std::string& file, int line, const std::string& column, const std::string& text);
  const char *call, *put;  // option_type words (lower case)
  const char* type_words;  // for the error message
};

std::vector<QuoteSession> read_eod(const EodLayout& layout, const std::string& file, const std::vector<std::string>& lines,
                                   const ExchangeCalendar& calendar) {
  const auto header = split_csv(lines[0]);
  const auto cols = column_index(header);
  const std::size_t c_date = need(cols, layout.date, file), c_root = need(cols, layout.root, file),
                    c_exp = need(cols, layout.expiry, file), c_strike = need(cols, layout.strike, file),
                    c_type = need(cols, layout.type, file), c_bid = need(cols, layout.bid, file),
                    c_ask = need(cols, layout.ask, file);
  std::map<Date, QuoteSession> by_date;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const int ln = static_cast<int>(i) + 1;
    const auto f = split_csv(lines[i]);
    if (f.size() < header.size()) fail(file, ln, "", "has " + std::to_string(f.size()) + " fields, the header " + std::to_string(header.size()));
    const Date qd = layout.parse_date(file, ln, layout.date, f[c_date]);
    auto it = by_date.find(qd);
    if (it == by_date.end()) it = by_date.emplace(qd, closing_session(file, layout.name, qd, calendar, ln)).first;
    OptionQuoteRow r;
    r.root = f[c_root];
    r.expiry = layout.parse_date(file, ln, layout.expiry, f[c_exp]);
    r.strike = number(file, ln, layout.strike, f[c_strike]);
    const std::string t = lower(f[c_type]);
    if (t != layout.call && t != layout.put) fail(file, ln, layout.type, "'" + f[c_type] + "' is not " + layout.type_words);
    r.right = t == layout.call ? OptionType::Call : OptionType::Put;
    r.bid = number(file, ln, layout.bid, f[c_bid]);
    r.ask = number(file, ln, layout.ask, f[c_ask]);
    r.line = ln;
    it->second.underlying = underlying_of(r.root);
    if (r.expiry >= qd) it->second.rows.push_back(std::move(r));
  }
  if (by_date.empty()) fail(file, 1, "", "header without option rows");
  std::vector<QuoteSession> out;
  for (auto& [d, s] : by_date) out.push_back(std::move(s));
  return out;
}

}  // namespace

bool is_datashop_eod(const std::vector<std::string>& lines) {
  return !lines.empty() && lower(lines[0]).find("underlying_symbol") != std::string::npos &&
         lower(lines[0]).find("bid_eod") != std::string::npos;
}

std::vector<QuoteSession> read_datashop_eod(const std::string& file, const std::vector<std::string>& lines,
                                            const ExchangeCalendar& calendar) {
  static constexpr EodLayout kDatashop{"cboe_datashop_eod", "quote_date", "root", "expiration", "strike", "option_type",
                                       "bid_eod", "ask_eod", &iso_or_compact_date, "c", "p", "C or P"};
  return read_eod(kDatashop, file, lines, calendar);
}

bool is_vendor_eod(const std::vector<std::string>& lines) {
  return !lines.empty() && lower(lines[0]).find("optionroot") != std::string::npos &&
         lower(lines[0]).find("quotedate") != std::string::npos;
}

std::vector<QuoteSession> read_vendor_eod(const std::string& file, const std::vector<std::string>& lines,
                                          const ExchangeCalendar& calendar) {
  static constexpr EodLayout kVendor{"vendor_eod", "quotedate", "underlying", "expiration", "strike", "type", "bid", "ask",
                                     &mdy_date, "call", "put", "call or put"};
  return read_eod(kVendor, file, lines, calendar);
}

}  // namespace alvh::quotes::detail
