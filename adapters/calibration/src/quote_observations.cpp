#include "alvh/calibration/quote_observations.hpp"

#include <algorithm>
#include <cmath>

#include "alvh/quotes/quote_reader.hpp"
#include "alvh/venue/variance_clock.hpp"

namespace alvh::calibration {

const char* tenor_bucket_name(TenorBucket b) {
  switch (b) {
    case TenorBucket::one_weekday: return "1 weekday";
    case TenorBucket::two_days: return "2 days";
    case TenorBucket::weekend_span: return "weekend/holiday span";
    case TenorBucket::days_3_10: return "3-10 days";
    case TenorBucket::days_11_60: return "11-60 days";
    case TenorBucket::vix_7_30: return "VIX 7-30 days";
    case TenorBucket::vix_31_90: return "VIX 31-90 days";
    case TenorBucket::vix_91_250: return "VIX 91-250 days";
  }
  return "?";
}

namespace {

std::optional<TenorBucket> spxw_bucket(Date session, Date expiry) {
  const int d = days_between(session, expiry);
  if (d <= 0) return std::nullopt;
  Date next = add_days(session, 1);
  while (!venue::nyse_trading_day(next)) next = add_days(next, 1);
  if (expiry == next) return d == 1 ? TenorBucket::one_weekday : TenorBucket::weekend_span;
  if (d == 2) return TenorBucket::two_days;
  if (d <= 10) return TenorBucket::days_3_10;
  if (d <= 60) return TenorBucket::days_11_60;
  return std::nullopt;
}

std::optional<TenorBucket> vix_bucket(double days) {
  if (days < 7) return std::nullopt;
  if (days <= 30) return TenorBucket::vix_7_30;
  if (days <= 90) return TenorBucket::vix_31_90;
  if (days <= 250) return TenorBucket::vix_91_250;
  return std::nullopt;
}

const VolIndexRow* find_row(const std::vector<VolIndexRow>& rows, Date d) {
  auto it = std::lower_bound(rows.begin(), rows.end(), d, [](const VolIndexRow& r, Date x) { return r.date < x; });
  return it != rows.end() && it->date == d ? &*it : nullptr;
}

bool usable(Value v) { return v && std::isfinite(*v) && *v > 0; }

}  // namespace

ObservationSet build_observations(const std::vector<quotes::QuoteSession>& sessions, const MarketHistory& history,
                                  const OptionPricer& pricer, const venue::SpxwOptionModel& spxw) {
  ObservationSet out;
  for (const auto& q : sessions) {
    const VolIndexRow* row = find_row(history.vol_indices, q.index_date);
    if (!row) {
      out.notes.push_back(q.file + " (" + q.label() + "): no index values for " + to_iso(q.index_date) + "; left out");
      continue;
    }
    SessionInputs si;
    si.quotes = &q;
    si.indices = *row;
    si.indices.date = q.date;
    if (usable(row->get(VolIndex::VIX))) si.vix_close = row->get(VolIndex::VIX);
    if (usable(row->get(VolIndex::VVIX))) si.vvix = row->get(VolIndex::VVIX);
    if (usable(row->get(VolIndex::SKEW))) si.skew = row->get(VolIndex::SKEW);
    const std::size_t session_index = out.sessions.size();
    out.sessions.push_back(si);

    const bool vix = q.underlying == quotes::QuoteUnderlying::vix;
    const int expiry_minutes = vix ? kVixExpiryMinutes : kSpxwExpiryMinutes;
    std::vector<Date> expiries;
    for (const auto& r : q.rows)
      if ((vix || r.root == "SPXW") && std::find(expiries.begin(), expiries.end(), r.expiry) == expiries.end())
        expiries.push_back(r.expiry);
    std::sort(expiries.begin(), expiries.end());
    for (Date e : expiries) {
      const double minutes_left = days_between(q.date, e) * 1440.0 + expiry_minutes - q.minutes;
      if (!(minutes_left > 0)) continue;
      ExpiryGroup g;
      g.session = session_index;
      g.expiry = e;
      g.years_cal = minutes_left / (365.0 * 1440.0);
      g.days = minutes_left / 1440.0;
      const auto bucket = vix ? vix_bucket(g.days) : spxw_bucket(q.date, e);
      if (!bucket) continue;
      g.tenor = *bucket;
      const auto fwd = quotes::parity_forward(q, e);
      if (!fwd) {
        out.notes.push_back(q.file + " (" + q.label() + "): expiry " + to_iso(e) + " has no parity forward; left out");
        continue;
      }
      g.forward = *fwd;
      if (!vix) {
        g.spxw = spxw.slice_inputs(si.indices, si.vix_close, q.date, q.minutes, e, kSpxwExpiryMinutes);
        if (!g.spxw) continue;
      }
      auto& obs = vix ? out.vix : out.spxw;
      g.first = obs.size();
      for (const auto& r : q.rows) {
        if (r.expiry != e || (!vix && r.root != "SPXW")) continue;
        const bool otm = r.right == OptionType::Call ? r.strike >= g.forward : r.strike < g.forward;
        if (!otm || !(r.bid > 0) || !(r.ask >= r.bid)) continue;
        Observation o;
        o.group = vix ? out.vix_groups.size() : out.spxw_groups.size();
        o.right = r.right;
        o.strike = r.strike;
        o.log_moneyness = std::log(r.strike / g.forward);
        Black76Input in{r.right, g.forward, r.strike, g.years_cal, 0.0, 0.0};
        if (q.kind == quotes::QuoteKind::black_vol) {
          in.vol = r.bid;
          o.bid = pricer.black76(in).price;
          in.vol = r.ask;
          o.ask = pricer.black76(in).price;
          o.mid = 0.5 * (o.bid + o.ask);
          o.real_vol = 0.5 * (r.bid + r.ask);
        } else {
          o.bid = r.bid;
          o.ask = r.ask;
          o.mid = 0.5 * (r.bid + r.ask);
          const ImpliedVol iv = pricer.black76_implied_vol(in, o.mid);
          if (!iv || !(*iv.vol > 0.01) || *iv.vol > 5.0) continue;
          o.real_vol = *iv.vol;
        }
        in.vol = o.real_vol;
        o.real_delta = pricer.black76(in).delta;
        if (std::fabs(o.real_delta) < 0.005) continue;
        obs.push_back(o);
      }
      g.count = obs.size() - g.first;
      if (g.count == 0) continue;
      // Dense strike grids would make long expiries dominate the fit's cost, not its result.
      if (g.count > 60)
        for (std::size_t i = 0; i < g.count; ++i) obs[g.first + i].fit = (i * 60 / g.count) != ((i + 1) * 60 / g.count);
      (vix ? out.vix_groups : out.spxw_groups).push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace alvh::calibration
