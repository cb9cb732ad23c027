#include "alvh/report/sweep_table.hpp"
#include "csv_field.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "alvh/report/number_format.hpp"
#include "svg_chart.hpp"

namespace alvh::report {

namespace {

using detail::html_escape;


std::string exact(const std::optional<double>& x) { return x ? format_round_trip(*x) : std::string(); }

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot open " + path.string() + " for writing");
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string pct(double x) { return format_number(x * 100.0, 2) + "%"; }
std::string pct(const std::optional<double>& x) { return x ? pct(*x) : "–"; }
std::string ratio(const std::optional<double>& x) { return x ? format_number(*x, 2) : "–"; }
std::string money(double x) { return format_number(x, 0); }

std::string td(const std::string& text, bool negative = false) {
  return std::string("<td") + (negative ? " class=\"neg\"" : "") + ">" + html_escape(text) + "</td>";
}

constexpr const char* kStyle = R"(body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#f3f3f3}td.l,th.l{text-align:left}.neg{color:#b00}ul.notes{font-size:12px;color:#444}
p.range{font-size:13px})";

// Smallest and largest of a column over the rows, for the summary line.
template <class F>
std::string range_of(const SweepTable& t, F&& get, std::string (*show)(const std::optional<double>&)) {
  std::optional<double> lo, hi;
  for (const auto& r : t.rows) {
    const std::optional<double> v = get(r);
    if (!v) continue;
    if (!lo || *v < *lo) lo = v;
    if (!hi || *v > *hi) hi = v;
  }
  return lo ? show(lo) + " .. " + show(hi) : "–";
}

}  // namespace

std::string sweep_csv(const SweepTable& t) {
  std::ostringstream out;
  out << "point";
  for (const auto& p : t.parameters) out << ',' << detail::csv_field(p);
  out << ",variant,cagr,max_drawdown,cvar99,cvar99_pnl,hedge_cost_drag,hedge_cost_per_year,hedge_premium_per_year,"
         "recovery_run,crash_days_n,crash_days_median,crash_days_min,crash_days_max,crash_days_mean,crash_days_loss_weighted,"
         "windows_n,windows_median,windows_loss_weighted\n";
  for (const auto& r : t.rows) {
    out << r.point;
    for (std::size_t i = 0; i < t.parameters.size(); ++i) out << ',' << detail::csv_field(i < r.values.size() ? r.values[i] : "");
    out << ',' << detail::csv_field(r.variant) << ',' << format_round_trip(r.cagr) << ',' << format_round_trip(r.max_drawdown) << ','
        << format_round_trip(r.cvar99) << ',' << format_round_trip(r.cvar99_pnl) << ',' << exact(r.hedge_cost_drag) << ','
        << format_round_trip(r.hedge_cost_per_year) << ',' << format_round_trip(r.hedge_premium_per_year) << ','
        << detail::csv_field(r.recovery_run) << ',' << r.crash_days.events << ',' << exact(r.crash_days.median) << ','
        << exact(r.crash_days.min) << ',' << exact(r.crash_days.max) << ',' << exact(r.crash_days.mean) << ','
        << exact(r.crash_days.loss_weighted) << ',' << r.windows.events << ',' << exact(r.windows.median) << ',' << exact(r.windows.loss_weighted) << '\n';
  }
  return out.str();
}

std::string sweep_html(const SweepTable& t) {
  std::ostringstream out;
  const std::string range = to_iso(t.from) + " .. " + to_iso(t.to);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ALVH sensitivity sweep " << range
      << "</title>\n<style>\n" << kStyle << "\n</style>\n</head>\n<body>\n";
  out << "<h1>ALVH sensitivity sweep</h1>\n<p>Base config <code>" << html_escape(t.config) << "</code>, grid <code>"
      << html_escape(t.grid) << "</code>, replay " << range << ", " << t.rows.size()
      << " rows. Option prices are modelled (see docs/model.md). Recovery = hedge P&amp;L / condor loss, over the "
      << "single-session crash days and over the multi-day windows of the run named in the recovery column. "
      << "Empty parameter cell = the base config's value.</p>\n";
  using Row = SweepRow;
  out << "<p class=\"range\">Over all rows: CAGR "
      << range_of(t, [](const Row& r) { return std::optional<double>(r.cagr); }, pct) << "; max drawdown "
      << range_of(t, [](const Row& r) { return std::optional<double>(r.max_drawdown); }, pct) << "; hedge drag/yr "
      << range_of(t, [](const Row& r) { return r.hedge_cost_drag; }, pct) << "; crash-day recovery (loss-weighted) "
      << range_of(t, [](const Row& r) { return r.crash_days.loss_weighted; }, ratio) << "; window recovery "
      << range_of(t, [](const Row& r) { return r.windows.loss_weighted; }, ratio) << ".</p>\n";

  out << "<table>\n<tr><th>#</th>";
  for (const auto& p : t.parameters) out << "<th class=\"l\">" << html_escape(p) << "</th>";
  out << "<th class=\"l\">variant</th><th>CAGR</th><th>max DD</th><th>CVaR 99%</th><th>CVaR 99% $/day</th>"
         "<th>hedge drag/yr</th><th>hedge cost/yr $</th><th>hedge premium/yr $</th><th class=\"l\">recovery run</th>"
         "<th>crash days n</th><th>median</th><th>range</th><th>loss-weighted</th><th>windows n</th><th>loss-weighted</th></tr>\n";
  for (const auto& r : t.rows) {
    out << "<tr>" << td(std::to_string(r.point));
    for (std::size_t i = 0; i < t.parameters.size(); ++i)
      out << "<td class=\"l\">" << html_escape(i < r.values.size() ? r.values[i] : "") << "</td>";
    out << "<td class=\"l\">" << html_escape(r.variant) << "</td>" << td(pct(r.cagr), r.cagr < 0)
        << td(pct(r.max_drawdown)) << td(pct(r.cvar99), r.cvar99 < 0) << td(money(r.cvar99_pnl), r.cvar99_pnl < 0)
        << td(pct(r.hedge_cost_drag)) << td(money(r.hedge_cost_per_year)) << td(money(r.hedge_premium_per_year))
        << "<td class=\"l\">" << html_escape(r.recovery_run) << "</td>" << td(std::to_string(r.crash_days.events))
        << td(ratio(r.crash_days.median))
        << td(r.crash_days.min ? ratio(r.crash_days.min) + " .. " + ratio(r.crash_days.max) : "–")
        << td(ratio(r.crash_days.loss_weighted)) << td(std::to_string(r.windows.events))
        << td(ratio(r.windows.loss_weighted)) << "</tr>\n";
  }
  out << "</table>\n";
  if (!t.notes.empty()) {
    out << "<h2>Notes</h2>\n<ul class=\"notes\">\n";
    for (const auto& n : t.notes) out << "<li>" << html_escape(n) << "</li>\n";
    out << "</ul>\n";
  }
  out << "</body>\n</html>\n";
  return out.str();
}

std::vector<std::filesystem::path> write_sweep(const SweepTable& table, const std::filesystem::path& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw std::runtime_error("cannot create " + out_dir.string() + ": " + ec.message());
  write_file(out_dir / "sweep.csv", sweep_csv(table));
  write_file(out_dir / "sweep.html", sweep_html(table));
  return {out_dir / "sweep.csv", out_dir / "sweep.html"};
}

}  // namespace alvh::report
