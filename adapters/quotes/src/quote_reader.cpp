#include "alvh/quotes/quote_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "cboe_delayed_reader.hpp"
#include "text_fields.hpp"

namespace alvh::quotes {

std::string QuoteSession::label() const {
  char buf[64];
  if (closing) std::snprintf(buf, sizeof buf, "%s close", to_iso(date).c_str());
  else std::snprintf(buf, sizeof buf, "%s %02d:%02d", to_iso(date).c_str(), minutes / 60, minutes % 60);
  return buf;
}

std::vector<QuoteSession> read_quote_file(const std::filesystem::path& path, const ExchangeCalendar& calendar) {
  const std::string file = path.string();
  const auto lines = detail::read_lines(path);
  if (lines.empty()) throw QuoteError(file + ":1: empty file");
  if (detail::is_cboe_delayed(lines)) return {detail::read_cboe_delayed(file, lines, calendar)};
  if (detail::is_datashop_eod(lines)) return detail::read_datashop_eod(file, lines, calendar);
  if (detail::is_vendor_eod(lines)) return detail::read_vendor_eod(file, lines, calendar);
  if (detail::is_iv_surface(lines)) return {detail::read_iv_surface(file, lines, calendar)};
  throw QuoteError(file + ":1: not a known option-quote layout (Cboe delayed chain, Cboe DataShop EOD, vendor EOD, "
                          "implied-vol surface)");
}

std::vector<QuoteSession> read_quote_dir(const std::filesystem::path& dir, const ExchangeCalendar& calendar) {
  if (!std::filesystem::is_directory(dir)) throw QuoteError(dir.string() + ": not a directory");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension().string();
    if (ext == ".csv" || ext == ".dat") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<QuoteSession> out;
  for (const auto& f : files) {
    auto s = read_quote_file(f, calendar);
    out.insert(out.end(), std::make_move_iterator(s.begin()), std::make_move_iterator(s.end()));
  }
  std::stable_sort(out.begin(), out.end(), [](const QuoteSession& a, const QuoteSession& b) {
    return std::tie(a.date, a.minutes) < std::tie(b.date, b.minutes);
  });
  return out;
}

std::optional<double> parity_forward(const QuoteSession& s, Date expiry) {
  if (auto it = s.given_forwards.find(expiry); it != s.given_forwards.end()) return it->second;
  if (s.kind != QuoteKind::price) return std::nullopt;
  struct Side {
    std::optional<double> call, put;
  };
  std::map<double, Side> by_strike;
  for (const auto& r : s.rows) {
    if (r.expiry != expiry || !(r.bid > 0) || !(r.ask >= r.bid)) continue;
    auto& side = by_strike[r.strike];
    (r.right == OptionType::Call ? side.call : side.put) = 0.5 * (r.bid + r.ask);
  }
  std::vector<std::pair<double, double>> candidates;  // |C - P|, K + C - P
  for (const auto& [k, side] : by_strike)
    if (side.call && side.put) candidates.emplace_back(std::fabs(*side.call - *side.put), k + *side.call - *side.put);
  if (candidates.empty()) return std::nullopt;
  std::sort(candidates.begin(), candidates.end());
  const std::size_t n = std::min<std::size_t>(3, candidates.size());
  std::vector<double> f;
  for (std::size_t i = 0; i < n; ++i) f.push_back(candidates[i].second);
  std::sort(f.begin(), f.end());
  return f[n / 2];
}

}  // namespace alvh::quotes
