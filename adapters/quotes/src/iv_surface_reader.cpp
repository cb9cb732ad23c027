// An implied-vol surface: `Expiry,Texp,Strike,Bid,Ask,Fwd` with bid/ask as Black vols of the
// out-of-the-money option (NA = no bid), the forward of each expiry and Texp in years (ACT/365
// from the session's close). The session date is expiry - Texp x 365 days; a forward below 100
// marks VIX options (the SPX has not been below 100 since 1982).
#include <cmath>

#include "cboe_delayed_reader.hpp"
#include "text_fields.hpp"

namespace alvh::quotes::detail {

bool is_iv_surface(const std::vector<std::string>& lines) {
  if (lines.empty()) return false;
  const auto h = split_csv(lines[0]);
  return h.size() >= 6 && h[0] == "Expiry" && h[1] == "Texp" && h[2] == "Strike" && h[3] == "Bid" && h[4] == "Ask" &&
         h[5] == "Fwd";
}

QuoteSession read_iv_surface(const std::string& file, const std::vector<std::string>& lines,
                             const ExchangeCalendar& calendar) {
  QuoteSession s;
  s.file = file;
  s.layout = "iv_surface";
  s.kind = QuoteKind::black_vol;
  std::optional<Date> session;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const int ln = static_cast<int>(i) + 1;
    const auto f = split_csv(lines[i]);
    if (f.size() < 6) fail(file, ln, "", "has " + std::to_string(f.size()) + " fields, needs 6");
    const Date expiry = iso_or_compact_date(file, ln, "Expiry", f[0]);
    const double texp = number(file, ln, "Texp", f[1]);
    if (!(texp > 0)) fail(file, ln, "Texp", "must be > 0");
    const Date d = add_days(expiry, -static_cast<int>(std::lround(texp * 365.0)));
    if (session && *session != d)
      fail(file, ln, "Texp", "implies session " + to_iso(d) + ", earlier rows " + to_iso(*session));
    session = d;
    const double fwd = number(file, ln, "Fwd", f[5]);
    if (!(fwd > 0)) fail(file, ln, "Fwd", "must be > 0");
    s.given_forwards[expiry] = fwd;
    OptionQuoteRow r;
    r.expiry = expiry;
    r.strike = number(file, ln, "Strike", f[2]);
    r.right = r.strike >= fwd ? OptionType::Call : OptionType::Put;
    r.bid = number_or_na(file, ln, "Bid", f[3]).value_or(0.0);
    r.ask = number_or_na(file, ln, "Ask", f[4]).value_or(0.0);
    if (r.bid < 0 || r.ask < 0) fail(file, ln, "Bid", "negative vol");
    r.line = ln;
    s.underlying = fwd < 100 ? QuoteUnderlying::vix : QuoteUnderlying::spx;
    r.root = s.underlying == QuoteUnderlying::vix ? "VIX" : "SPXW";
    s.rows.push_back(std::move(r));
  }
  if (!session) fail(file, 1, "", "header without rows");
  if (!calendar.is_trading_day(*session)) fail(file, 2, "Texp", "implies session " + to_iso(*session) + ", not a trading day");
  s.date = *session;
  s.minutes = calendar.close_minutes(*session) + 15;
  s.closing = true;
  s.index_date = *session;
  return s;
}

}  // namespace alvh::quotes::detail
