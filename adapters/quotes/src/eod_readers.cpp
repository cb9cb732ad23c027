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

}  // namespace

bool is_datashop_eod(const std::vector<std::string>& lines) {
  return !lines.empty() && lower(lines[0]).find("underlying_symbol") != std::string::npos &&
         lower(lines[0]).find("bid_eod") != std::string::npos;
}

std::vector<QuoteSession> read_datashop_eod(const std::string& file, const std::vector<std::string>& lines,
                                            const ExchangeCalendar& calendar) {
  const auto header = split_csv(lines[0]);
  const auto cols = column_index(header);
  const std::size_t c_date = need(cols, "quote_date", file), c_root = need(cols, "root", file),
                    c_exp = need(cols, "expiration", file), c_strike = need(cols, "strike", file),
                    c_type = need(cols, "option_type", file), c_bid = need(cols, "bid_eod", file),
                    c_ask = need(cols, "ask_eod", file);
  std::map<Date, QuoteSession> by_date;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const int ln = static_cast<int>(i) + 1;
    const auto f = split_csv(lines[i]);
    if (f.size() < header.size()) fail(file, ln, "", "has " + std::to_string(f.size()) + " fields, the header " + std::to_string(header.size()));
    const Date qd = iso_or_compact_date(file, ln, "quote_date", f[c_date]);
    auto it = by_date.find(qd);
    if (it == by_date.end()) it = by_date.emplace(qd, closing_session(file, "cboe_datashop_eod", qd, calendar, ln)).first;
    OptionQuoteRow r;
    r.root = f[c_root];
    r.expiry = iso_or_compact_date(file, ln, "expiration", f[c_exp]);
    r.strike = number(file, ln, "strike", f[c_strike]);
    const std::string t = lower(f[c_type]);
    if (t != "c" && t != "p") fail(file, ln, "option_type", "'" + f[c_type] + "' is not C or P");
    r.right = t == "c" ? OptionType::Call : OptionType::Put;
    r.bid = number(file, ln, "bid_eod", f[c_bid]);
    r.ask = number(file, ln, "ask_eod", f[c_ask]);
    r.line = ln;
    it->second.underlying = underlying_of(r.root);
    if (r.expiry >= qd) it->second.rows.push_back(std::move(r));
  }
  if (by_date.empty()) fail(file, 1, "", "header without option rows");
  std::vector<QuoteSession> out;
  for (auto& [d, s] : by_date) out.push_back(std::move(s));
  return out;
}

bool is_vendor_eod(const std::vector<std::string>& lines) {
  return !lines.empty() && lower(lines[0]).find("optionroot") != std::string::npos &&
         lower(lines[0]).find("quotedate") != std::string::npos;
}

std::vector<QuoteSession> read_vendor_eod(const std::string& file, const std::vector<std::string>& lines,
                                          const ExchangeCalendar& calendar) {
  const auto header = split_csv(lines[0]);
  const auto cols = column_index(header);
  const std::size_t c_und = need(cols, "underlying", file), c_type = need(cols, "type", file),
                    c_exp = need(cols, "expiration", file), c_date = need(cols, "quotedate", file),
                    c_strike = need(cols, "strike", file), c_bid = need(cols, "bid", file),
                    c_ask = need(cols, "ask", file);
  std::map<Date, QuoteSession> by_date;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const int ln = static_cast<int>(i) + 1;
    const auto f = split_csv(lines[i]);
    if (f.size() < header.size()) fail(file, ln, "", "has " + std::to_string(f.size()) + " fields, the header " + std::to_string(header.size()));
    const Date qd = mdy_date(file, ln, "quotedate", f[c_date]);
    auto it = by_date.find(qd);
    if (it == by_date.end()) it = by_date.emplace(qd, closing_session(file, "vendor_eod", qd, calendar, ln)).first;
    OptionQuoteRow r;
    r.root = f[c_und];
    r.expiry = mdy_date(file, ln, "expiration", f[c_exp]);
    r.strike = number(file, ln, "strike", f[c_strike]);
    const std::string t = lower(f[c_type]);
    if (t != "call" && t != "put") fail(file, ln, "type", "'" + f[c_type] + "' is not call or put");
    r.right = t == "call" ? OptionType::Call : OptionType::Put;
    r.bid = number(file, ln, "bid", f[c_bid]);
    r.ask = number(file, ln, "ask", f[c_ask]);
    r.line = ln;
    it->second.underlying = underlying_of(r.root);
    if (r.expiry >= qd) it->second.rows.push_back(std::move(r));
  }
  if (by_date.empty()) fail(file, 1, "", "header without option rows");
  std::vector<QuoteSession> out;
  for (auto& [d, s] : by_date) out.push_back(std::move(s));
  return out;
}

}  // namespace alvh::quotes::detail
