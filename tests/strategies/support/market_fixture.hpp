#pragma once
// Synthetic chains for strategy tests: SPXW by Black-Scholes with a put skew, VIX calls by Black-76
// on a simple VX curve. Prices are on the 0.05 tick with a 0.10 wide market.
#include <algorithm>
#include <cmath>

#include "alvh/strategies/option_math.hpp"
#include "fake_host.hpp"

namespace alvh::test {

struct Market {
  double spx = 5100;
  double spx_vol = 0.14;          // 1DTE ATM vol
  double vix = 14;
  double vvix = 90;
  double vx_front = 15, vx_slope = 0.012;  // VX future = vx_front + slope x (DTE - 30), floored
  double vx_for(int dte) const { return std::max(vx_front + vx_slope * (dte - 30), 9.0); }
};

inline double tick_round(double x) { return std::max(std::round(x / 0.05) * 0.05, 0.0); }

inline Quote make_quote(Instrument inst, double price, Timestamp t) {
  const double bid = std::max(tick_round(price - 0.05), 0.05);
  return Quote{std::move(inst), bid, bid + 0.10, t, std::nullopt, std::nullopt, std::nullopt};
}

inline OptionChainSnapshot spxw_chain(const FakeHost& host, const Market& m, Date expiry) {
  OptionChainSnapshot c;
  c.root = "SPXW";
  c.time = host.clock_.local;
  c.observed = host.clock_.now_utc();
  c.underlying = m.spx;
  c.forwards.push_back({expiry, m.spx});
  const double years = strategies::years_to(c.time, expiry, 16 * 60);
  const double centre = std::round(m.spx / 5) * 5;
  for (double k = centre - 400; k <= centre + 400; k += 5) {
    const double z = std::log(k / m.spx) / (m.spx_vol * std::sqrt(years));
    const double vol = m.spx_vol * std::clamp(1 - 0.10 * z, 0.5, 3.0);
    for (auto right : {OptionType::Put, OptionType::Call}) {
      const double p = host.pricer_.bsm({right, m.spx, k, years, 0, 0, vol}).price;
      c.quotes.push_back(make_quote(spxw_option(expiry, k, right), p, c.observed));
    }
  }
  return c;
}

inline OptionChainSnapshot vix_chain(const FakeHost& host, const Market& m, const std::vector<Date>& expiries) {
  OptionChainSnapshot c;
  c.root = "VIX";
  c.time = host.clock_.local;
  c.observed = host.clock_.now_utc();
  c.underlying = m.vix;
  for (const Date e : expiries) {
    const int dte = std::max(days_between(c.time.date, e), 1);
    const double f = m.vx_for(dte);
    c.forwards.push_back({e, f});
    const double vol = std::clamp(m.vvix / 100.0 * std::pow(30.0 / dte, 0.35), 0.3, 2.5);
    const double years = strategies::years_to(c.time, e, 9 * 60 + 30);
    for (double k = 10; k <= 80; k += (k < 15 ? 0.5 : 1.0)) {
      const double p = host.pricer_.black76({OptionType::Call, f, k, years, 0, vol}).price;
      c.quotes.push_back(make_quote(vix_option(e, k, OptionType::Call), p, c.observed));
    }
  }
  return c;
}

inline void use_market(FakeHost& host, const Market& m) {
  host.chain_provider = [&host, &m](const ChainRequest& r) {
    return r.root == "SPXW" ? spxw_chain(host, m, r.expiries.at(0)) : vix_chain(host, m, r.expiries);
  };
}

inline IndexValues index_values(const FakeHost& host, const Market& m) {
  IndexValues v;
  v.time = host.clock_.local;
  v.spx = m.spx;
  v.vix = m.vix;
  v.vvix = m.vvix;
  v.vx_front = m.vx_front;
  return v;
}

}  // namespace alvh::test
