#include "alvh/report/html_report.hpp"

#include <map>
#include <sstream>

#include "alvh/report/number_format.hpp"
#include "svg_chart.hpp"

namespace alvh::report {

namespace {

using detail::html_escape;

std::string pct(double x) { return format_number(x * 100.0, 2) + "%"; }
std::string pct(const std::optional<double>& x) { return x ? pct(*x) : "–"; }
std::string money(double x) { return format_number(x, 0); }
std::string ratio(double x) { return format_number(x, 2); }
std::string ratio(const std::optional<double>& x) { return x ? ratio(*x) : "–"; }

constexpr const char* kStyle = R"(body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1000px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#f3f3f3}td.l,th.l{text-align:left}.neg{color:#b00}
svg.chart{display:block;margin:8px 0;background:#fff}.ct{font-size:13px;font-weight:600}
.grid{stroke:#e5e5e5;stroke-width:1}.axis{stroke:#888;stroke-width:1}
.yl{font-size:10px;text-anchor:end;fill:#555}.xl{font-size:10px;text-anchor:middle;fill:#555}.lg{font-size:11px;fill:#333}
ul.notes{font-size:12px;color:#444})";

std::string cell(const std::string& text, bool negative = false) {
  return std::string("<td") + (negative ? " class=\"neg\"" : "") + ">" + html_escape(text) + "</td>";
}

void metrics_table(std::ostringstream& out, const backtest::BacktestResult& r) {
  out << "<table>\n<tr><th class=\"l\">variant</th><th>CAGR</th><th>vol</th><th>Sharpe</th><th>Sortino</th><th>max DD</th>"
         "<th>CVaR 95%</th><th>CVaR 99%</th><th>worst day</th><th>hedge drag/yr</th><th>hedge P&amp;L/yr $</th>"
         "<th>hedge premium/yr $</th><th>mean HRR</th><th>loss-weighted HRR</th><th>end equity $</th></tr>\n";
  for (const auto& v : r.variants) {
    const auto& m = v.metrics;
    out << "<tr><td class=\"l\">" << html_escape(v.name) << "</td>" << cell(pct(m.cagr), m.cagr < 0)
        << cell(pct(m.volatility)) << cell(ratio(m.sharpe)) << cell(ratio(m.sortino)) << cell(pct(m.max_drawdown))
        << cell(pct(m.cvar95), true) << cell(pct(m.cvar99), true) << cell(pct(m.worst_day), m.worst_day < 0)
        << cell(pct(v.hedge_cost_drag)) << cell(money(v.hedge_pnl_per_year), v.hedge_pnl_per_year < 0)
        << cell(money(v.hedge_premium_per_year)) << cell(ratio(v.recovery.mean)) << cell(ratio(v.recovery.loss_weighted))
        << cell(money(m.end_equity)) << "</tr>\n";
  }
  out << "</table>\n";
}

void crash_table(std::ostringstream& out, const std::vector<backtest::CrashRow>& rows, bool windows) {
  out << "<table>\n<tr><th class=\"l\">" << (windows ? "window" : "date") << "</th><th class=\"l\">event</th>"
      << "<th class=\"l\">variant</th><th>condor P&amp;L $</th><th>held condors $</th><th>hedge P&amp;L $</th>"
      << "<th>recovery ratio</th><th class=\"l\">note</th></tr>\n";
  for (const auto& c : rows) {
    const std::string when = windows ? to_iso(c.first) + " .. " + to_iso(c.last) : to_iso(c.first);
    out << "<tr><td class=\"l\">" << when << "</td><td class=\"l\">" << html_escape(c.event) << "</td><td class=\"l\">"
        << html_escape(c.variant) << "</td>" << cell(money(c.condor_pnl), c.condor_pnl < 0)
        << cell(money(c.condor_pnl_held), c.condor_pnl_held < 0) << cell(money(c.hedge_pnl), c.hedge_pnl < 0)
        << cell(ratio(c.recovery_ratio)) << "<td class=\"l\">" << html_escape(c.note) << "</td></tr>\n";
  }
  out << "</table>\n";
}

// Recovery on single-session crash days next to multi-day windows, and what the exit policy,
// sizing and risk gate did.
void recovery_table(std::ostringstream& out, const backtest::BacktestResult& r) {
  auto range = [](const backtest::RecoverySummary& s) {
    return s.min && s.max ? ratio(*s.min) + " .. " + ratio(*s.max) : std::string("–");
  };
  out << "<table>\n<tr><th class=\"l\">variant</th><th class=\"l\">exit policy</th>"
         "<th>crash days n</th><th>median</th><th>range</th><th>loss-weighted</th>"
         "<th>windows n</th><th>median</th><th>loss-weighted</th><th>hedge:condor vega (median)</th>"
         "<th>days in 1:6..1:4</th><th class=\"l\">layers emptied</th><th class=\"l\">lasting halts</th></tr>\n";
  for (const auto& v : r.variants) {
    if (!v.sizing_mode) continue;
    std::string emptied = std::to_string(v.ladder_exits.size());
    if (!v.ladder_exits.empty()) emptied += ", last " + to_iso(v.ladder_exits.back().date) + " " + v.ladder_exits.back().message;
    std::string halts = v.halts.empty() ? std::string("none") : std::string();
    for (const auto& h : v.halts)
      halts += (halts.empty() ? "" : "; ") + h.state + " from " + to_iso(h.from) + (h.until ? " to " + to_iso(*h.until) : " to the end") +
               ": " + h.reason;
    out << "<tr><td class=\"l\">" << html_escape(v.name) << "</td><td class=\"l\">" << html_escape(v.exit_policy.value_or("")) << "</td>"
        << cell(std::to_string(v.recovery.events)) << cell(ratio(v.recovery.median)) << cell(range(v.recovery))
        << cell(ratio(v.recovery.loss_weighted)) << cell(std::to_string(v.window_recovery.events))
        << cell(ratio(v.window_recovery.median)) << cell(ratio(v.window_recovery.loss_weighted))
        << cell(v.realized_vega_ratio_median ? "1:" + ratio(1.0 / *v.realized_vega_ratio_median) : "–")
        << cell(pct(v.realized_vega_ratio_in_band)) << "<td class=\"l\">" << html_escape(emptied) << "</td><td class=\"l\">"
        << html_escape(halts) << "</td></tr>\n";
  }
  out << "</table>\n";
}

}  // namespace

std::string report_html(const backtest::BacktestResult& r) {
  std::ostringstream out;
  const std::string range = to_iso(r.from) + " .. " + to_iso(r.to);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ALVH backtest " << range
      << "</title>\n<style>\n" << kStyle << "\n</style>\n</head>\n<body>\n";
  out << "<h1>Condors with and without the ALVH hedge</h1>\n<p>Replay " << range << ", "
      << r.variants.size() << " variants. Option prices are modelled (no option quotes in the data); see the notes "
      << "at the end and docs/model.md.</p>\n";

  out << "<h2>Metrics</h2>\n";
  metrics_table(out, r);

  std::vector<detail::LineSeries> equity, drawdown;
  for (const auto& v : r.variants) {
    detail::LineSeries e{v.name, {}, {}}, d{v.name, {}, {}};
    double peak = 0;
    bool first = true;
    for (const auto& day : v.daily) {
      if (first || day.equity > peak) peak = day.equity;
      first = false;
      e.dates.push_back(day.date);
      e.values.push_back(day.equity);
      d.dates.push_back(day.date);
      d.values.push_back(peak > 0 ? -(peak - day.equity) / peak : 0.0);
    }
    equity.push_back(std::move(e));
    drawdown.push_back(std::move(d));
  }
  out << "<h2>Equity</h2>\n" << detail::line_chart(equity, {"Equity, $ (with and without the hedge)", detail::AxisFormat::money});
  out << "<h2>Drawdown</h2>\n" << detail::line_chart(drawdown, {"Drawdown from the running peak", detail::AxisFormat::percent});

  // Hedge P&L per calendar year, hedged variants only (negative = cost of the hedge).
  std::map<int, std::size_t> year_index;
  std::vector<std::string> hedged_names;
  std::vector<const backtest::VariantResult*> hedged;
  for (const auto& v : r.variants)
    if (v.sizing_mode) {
      hedged.push_back(&v);
      hedged_names.push_back(v.name);
      for (const auto& d : v.daily) year_index.emplace(static_cast<int>(d.date.year()), 0);
    }
  std::vector<std::string> years;
  for (auto& [y, i] : year_index) {
    i = years.size();
    years.push_back(std::to_string(y));
  }
  std::vector<std::vector<double>> per_year(hedged.size(), std::vector<double>(years.size(), 0.0));
  for (std::size_t s = 0; s < hedged.size(); ++s)
    for (const auto& d : hedged[s]->daily) per_year[s][year_index[static_cast<int>(d.date.year())]] += d.hedge_pnl;
  out << "<h2>Hedge cost per year</h2>\n"
      << detail::bar_chart(years, hedged_names, per_year, {"Net hedge P&L per year, $ (below zero = cost)", detail::AxisFormat::money});

  out << "<h2>Ladder contracts over time</h2>\n";
  if (hedged.empty()) out << "<p>No hedged variant.</p>\n";
  for (const auto* v : hedged) {
    std::vector<detail::LineSeries> layers;
    for (std::size_t k = 0; k < v->ladder_layers.size(); ++k) {
      detail::LineSeries s{v->ladder_layers[k], {}, {}};
      for (const auto& d : v->daily) {
        s.dates.push_back(d.date);
        s.values.push_back(k < d.ladder_contracts.size() ? d.ladder_contracts[k] : 0.0);
      }
      layers.push_back(std::move(s));
    }
    out << detail::line_chart(layers, {"VIX calls held per layer: " + v->name, detail::AxisFormat::count, 920, 220});
  }

  out << "<h2>Recovery: single-session crash days and multi-day windows</h2>\n<p>A row counts (n) only when a condor "
         "held from the previous close settled or was marked with a loss; recovery ratio = hedge P&amp;L / that loss. "
         "Loss-weighted = sum of hedge P&amp;L / sum of those losses. Exit policy hold keeps the base ladder; monetize "
         "sells whole layers (every emptying is listed).</p>\n";
  recovery_table(out, r);
  out << "<h2>Crash days</h2>\n<p>Named events and every day the SPX closed at least 3% below the previous close, "
         "opened 2% below it, or spot VIX closed 40% above its previous close (report.crash_threshold, gap_threshold, "
         "vix_jump_threshold). Held condors = P&amp;L of condors open at the previous close; a row without hedge P&amp;L "
         "says what the ladder held and what emptied it.</p>\n";
  crash_table(out, r.crash_days, false);
  out << "<h2>Crash windows</h2>\n";
  crash_table(out, r.crash_windows, true);

  out << "<h2>Notes</h2>\n<ul class=\"notes\">\n";
  for (const auto& n : r.notes) out << "<li>" << html_escape(n) << "</li>\n";
  out << "</ul>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace alvh::report
