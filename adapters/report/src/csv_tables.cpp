#include "alvh/report/csv_tables.hpp"
#include "csv_field.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "alvh/report/number_format.hpp"

namespace alvh::report {

namespace {


std::string hhmm_text(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

}  // namespace

std::string trades_csv(const backtest::BacktestResult& result) {
  std::ostringstream out;
  write_trades_csv(result, out);
  return out.str();
}

std::string daily_csv(const backtest::BacktestResult& result) {
  std::ostringstream out;
  write_daily_csv(result, out);
  return out.str();
}

void write_trades_csv(const backtest::BacktestResult& result, std::ostream& out) {
  out << "variant,date,time,book,position,group,action,symbol,quantity,price,fees,cash\n";
  for (const auto& v : result.variants)
    for (const auto& t : v.trades)
      out << detail::csv_field(v.name) << ',' << to_iso(t.date) << ',' << hhmm_text(t.minutes) << ',' << backtest::book_name(t.book)
          << ',' << detail::csv_field(t.position) << ',' << detail::csv_field(t.group) << ',' << detail::csv_field(t.action) << ',' << detail::csv_field(t.symbol) << ','
          << t.quantity << ',' << format_round_trip(t.price) << ',' << format_round_trip(t.fees) << ','
          << format_round_trip(t.cash) << '\n';
}

void write_daily_csv(const backtest::BacktestResult& result, std::ostream& out) {
  std::vector<std::string> layers;
  for (const auto& v : result.variants)
    for (const auto& l : v.ladder_layers)
      if (std::find(layers.begin(), layers.end(), l) == layers.end()) layers.push_back(l);
  const auto& sig = result.signals;

  out << "variant,date,equity,drawdown,condor_pnl,hedge_pnl,hedge_value,open_condors,"
         "condor_delta,condor_gamma,condor_vega,condor_theta,hedge_delta,hedge_gamma,hedge_vega,hedge_theta";
  for (const auto& l : layers) out << ',' << detail::csv_field("ladder_" + l);
  for (const auto& c : sig.columns) out << ',' << detail::csv_field("signal_" + c);
  out << '\n';
  for (const auto& v : result.variants) {
    double peak = 0;
    bool first = true;
    std::size_t s = 0;  // cursor into the signal dates (both ascending)
    for (const auto& d : v.daily) {
      if (first || d.equity > peak) peak = d.equity;
      first = false;
      const double dd = peak > 0 ? (peak - d.equity) / peak : 0.0;
      out << detail::csv_field(v.name) << ',' << to_iso(d.date) << ',' << format_round_trip(d.equity) << ','
          << format_round_trip(dd) << ',' << format_round_trip(d.condor_pnl) << ',' << format_round_trip(d.hedge_pnl) << ','
          << format_round_trip(d.hedge_value) << ',' << d.open_condors;
      for (const auto* g : {&d.condor_greeks, &d.hedge_greeks})
        out << ',' << format_round_trip(g->delta) << ',' << format_round_trip(g->gamma) << ',' << format_round_trip(g->vega)
            << ',' << format_round_trip(g->theta);
      for (const auto& l : layers) {
        const auto it = std::find(v.ladder_layers.begin(), v.ladder_layers.end(), l);
        const auto k = static_cast<std::size_t>(it - v.ladder_layers.begin());
        out << ',' << (it != v.ladder_layers.end() && k < d.ladder_contracts.size() ? d.ladder_contracts[k] : 0);
      }
      while (s < sig.dates.size() && sig.dates[s] < d.date) ++s;
      const bool have = s < sig.dates.size() && sig.dates[s] == d.date;
      for (std::size_t c = 0; c < sig.columns.size(); ++c) {
        out << ',';
        if (have && s < sig.values[c].size() && sig.values[c][s]) out << format_round_trip(*sig.values[c][s]);
      }
      out << '\n';
    }
  }
}

}  // namespace alvh::report
