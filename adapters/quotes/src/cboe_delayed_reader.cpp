// The Cboe delayed-quote chain download (.csv and the older .dat): stamp lines, then
// `Expiration Date,Calls,...,Strike,Puts,...` and one line per (expiry, strike) with the call
// and the put. Expiry, right and strike come from the OCC option ids (the expiry column's
// date format varies between files); the Strike column must agree.
#include <algorithm>
#include <cmath>

#include "cboe_delayed_reader.hpp"
#include "text_fields.hpp"

namespace alvh::quotes::detail {

bool is_cboe_delayed(const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size() && i < 8; ++i)
    if (lines[i].rfind("Expiration Date,", 0) == 0) return true;
  return false;
}

QuoteSession read_cboe_delayed(const std::string& file, const std::vector<std::string>& lines,
                               const ExchangeCalendar& calendar) {
  QuoteSession s;
  s.file = file;
  std::size_t header = 0;
  while (lines[header].rfind("Expiration Date,", 0) != 0) ++header;
  // The stamp: a `Date:` field (csv) or a line holding " @ " (dat), above the header.
  std::optional<WallClock> stamp;
  // The stamp may itself hold unquoted commas ("Date: 10 April 2023, 20:51 UTC-4,Bid: ..."):
  // it runs from `Date:` to the `,Bid` field.
  for (std::size_t i = 0; i < header && !stamp; ++i) {
    const std::string& l = lines[i];
    const std::string where = file + ":" + std::to_string(i + 1);
    if (const auto p = l.find("Date:"); p != std::string::npos) {
      std::string text = l.substr(p, l.find(",Bid", p) == std::string::npos ? std::string::npos : l.find(",Bid", p) - p);
      text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
      stamp = parse_download_stamp(text, where);
      s.layout = "cboe_delayed_csv";
    } else if (l.find(" @ ") != std::string::npos) {
      stamp = parse_download_stamp(split_csv(l)[0], where);
      s.layout = "cboe_delayed_dat";
    }
  }
  if (!stamp) fail(file, static_cast<int>(header) + 1, "", "no download stamp (`Date: ...` or `... @ hh:mm ET`) above the header");

  const auto cols = split_csv(lines[header]);
  int calls = -1, puts = -1, strike = -1, call_bid = -1, call_ask = -1, put_bid = -1, put_ask = -1;
  for (int c = 0; c < static_cast<int>(cols.size()); ++c) {
    const std::string& n = cols[static_cast<std::size_t>(c)];
    if (n == "Calls") calls = c;
    else if (n == "Puts") puts = c;
    else if (n == "Strike") strike = c;
    else if (n == "Bid") (puts < 0 ? call_bid : put_bid) = c;
    else if (n == "Ask") (puts < 0 ? call_ask : put_ask) = c;
  }
  const int line_no = static_cast<int>(header) + 1;
  for (auto [name, idx] : {std::pair{"Calls", calls}, {"Puts", puts}, {"Strike", strike}, {"Bid (calls)", call_bid},
                           {"Ask (calls)", call_ask}, {"Bid (puts)", put_bid}, {"Ask (puts)", put_ask}})
    if (idx < 0) fail(file, line_no, name, "column missing from the header");

  std::optional<Date> earliest;
  bool any_vix = false, any_spx = false;
  for (std::size_t i = header + 1; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(", \t") == std::string::npos) continue;
    const int ln = static_cast<int>(i) + 1;
    const auto f = split_csv(lines[i]);
    if (f.size() < cols.size()) fail(file, ln, "", "has " + std::to_string(f.size()) + " fields, the header " + std::to_string(cols.size()));
    const double k = number(file, ln, "Strike", f[static_cast<std::size_t>(strike)]);
    for (bool call : {true, false}) {
      const std::string& id = f[static_cast<std::size_t>(call ? calls : puts)];
      const auto occ = parse_occ(id);
      if (!occ) fail(file, ln, call ? "Calls" : "Puts", "'" + id + "' is not an OCC option id (ROOTyymmddC00000000)");
      if (std::fabs(occ->strike - k) > 1e-6)
        fail(file, ln, call ? "Calls" : "Puts", "option id strike " + std::to_string(occ->strike) + " differs from Strike " + f[static_cast<std::size_t>(strike)]);
      OptionQuoteRow r;
      r.root = occ->root;
      r.expiry = occ->expiry;
      r.right = occ->right;
      r.strike = k;
      r.bid = number(file, ln, call ? "Bid (calls)" : "Bid (puts)", f[static_cast<std::size_t>(call ? call_bid : put_bid)]);
      r.ask = number(file, ln, call ? "Ask (calls)" : "Ask (puts)", f[static_cast<std::size_t>(call ? call_ask : put_ask)]);
      if (r.bid < 0 || r.ask < 0) fail(file, ln, call ? "Bid (calls)" : "Bid (puts)", "negative price");
      r.line = ln;
      if (!earliest || r.expiry < *earliest) earliest = r.expiry;
      (r.root.rfind("VIX", 0) == 0 ? any_vix : any_spx) = true;
      s.rows.push_back(std::move(r));
    }
  }
  if (s.rows.empty()) fail(file, line_no, "", "header without option rows");
  if (any_vix && any_spx) fail(file, line_no, "", "mixes VIX and SPX options");
  s.underlying = any_vix ? QuoteUnderlying::vix : QuoteUnderlying::spx;
  assign_session(s, *stamp, earliest, calendar);
  return s;
}

}  // namespace alvh::quotes::detail
