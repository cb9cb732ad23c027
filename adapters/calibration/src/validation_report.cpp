#include "alvh/calibration/validation_report.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace alvh::calibration {

namespace {

using nlohmann::ordered_json;

ordered_json num(std::optional<double> v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
ordered_json flag(std::optional<bool> v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

ordered_json summary_json(const ValidationSummary& s) {
  return ordered_json{{"condor_1dte_weekday_median_abs_pct", num(s.condor_1dte_weekday_median_abs_pct)},
                      {"condor_span_weekend_median_abs_pct", num(s.condor_span_weekend_median_abs_pct)},
                      {"spxw_leg_vol_median_abs_pts", num(s.spxw_leg_vol_median_abs_pts)},
                      {"vix_call_30_250_median_abs_pct", num(s.vix_call_30_250_median_abs_pct)},
                      {"condor_1dte_weekday_sessions", s.condor_1dte_weekday_sessions},
                      {"condor_span_weekend_sessions", s.condor_span_weekend_sessions},
                      {"spxw_legs", s.spxw_legs},
                      {"vix_calls", s.vix_calls}};
}

ordered_json legs_json(const CondorLegs& l) {
  ordered_json j;
  if (l.strikes) {
    j["short_put"] = (*l.strikes)[0];
    j["long_put"] = (*l.strikes)[1];
    j["short_call"] = (*l.strikes)[2];
    j["long_call"] = (*l.strikes)[3];
    j["credit"] = l.credit;
  } else {
    j["none"] = l.reason;
  }
  return j;
}

std::string fmt(std::optional<double> v, const char* f = "%.2f") {
  if (!v) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, *v);
  return buf;
}

std::string goal_word(std::optional<bool> g) { return !g ? "no data" : (*g ? "met" : "MISSED"); }

std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else o += c;
  }
  return o;
}

std::string condor_text(const CondorComparison& c) {
  std::ostringstream o;
  o << to_iso(c.expiry) << " (" << tenor_bucket_name(c.tenor) << "): ";
  auto legs = [](const CondorLegs& l) {
    if (!l.strikes) return "none (" + l.reason + ")";
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.0f/%.0f - %.0f/%.0f credit %.2f", (*l.strikes)[1], (*l.strikes)[0],
                  (*l.strikes)[2], (*l.strikes)[3], l.credit);
    return std::string(buf);
  };
  o << "real " << legs(c.real) << "; model " << legs(c.model) << "; error " << fmt(c.error_pct, "%+.1f%%")
    << " (same strikes " << fmt(c.error_pct_same_strikes, "%+.1f%%") << ")";
  return o.str();
}

}  // namespace

std::string validation_json(const ValidationResult& r) {
  ordered_json j;
  j["summary"] = summary_json(r.summary);
  j["baseline_summary"] = summary_json(r.baseline);
  j["baseline_summary"]["note"] =
      "the model before calibration; its condor figures price the real condor's strikes";
  j["goals"] = ordered_json{
      {"condor_1dte_weekday_median_abs_pct", {{"limit", r.goals.condor_1dte_weekday_pct}, {"met", flag(r.condor_1dte_goal())}}},
      {"condor_span_weekend_median_abs_pct", {{"limit", r.goals.condor_span_weekend_pct}, {"met", flag(r.condor_span_goal())}}},
      {"spxw_leg_vol_median_abs_pts", {{"limit", r.goals.spxw_leg_vol_pts}, {"met", flag(r.leg_vol_goal())}}},
      {"vix_call_30_250_median_abs_pct", {{"limit", r.goals.vix_call_pct}, {"met", flag(r.vix_call_goal())}}}};
  ordered_json sessions = ordered_json::array();
  for (const auto& s : r.sessions) {
    ordered_json js{{"session", s.label}, {"file", s.file}, {"layout", s.layout}, {"underlying", s.underlying},
                    {"index_date", s.index_date}};
    ordered_json rows = ordered_json::array();
    for (const auto& row : s.rows)
      rows.push_back({{"tenor", row.tenor}, {"delta", row.delta}, {"n", row.n}, {"mean_error_usd", row.mean_error_usd},
                      {"median_abs_usd", row.median_abs_usd}, {"median_abs_pct", row.median_abs_pct},
                      {"median_abs_vol_pts", row.median_abs_vol_pts}});
    js["rows"] = rows;
    if (s.condor) {
      const auto& c = *s.condor;
      js["condor"] = {{"expiry", to_iso(c.expiry)},
                      {"tenor", tenor_bucket_name(c.tenor)},
                      {"real", legs_json(c.real)},
                      {"model", legs_json(c.model)},
                      {"model_credit_same_strikes", num(c.model_credit_same_strikes)},
                      {"error_pct", num(c.error_pct)},
                      {"error_pct_same_strikes", num(c.error_pct_same_strikes)}};
    } else {
      js["condor"] = nullptr;
    }
    sessions.push_back(js);
  }
  j["sessions"] = sessions;
  j["notes"] = r.notes;
  return j.dump(2);
}

void write_validation_text(std::ostream& out, const ValidationResult& r) {
  char buf[256];
  for (const auto& s : r.sessions) {
    out << s.label << "  " << s.underlying << "  " << s.file << "  (indices of " << s.index_date << ")\n";
    out << "  tenor                  delta        n   mean $   med|$|   med|%|  med|vol pts|\n";
    for (const auto& row : s.rows) {
      std::snprintf(buf, sizeof buf, "  %-22s %-10s %5zu %8.1f %8.1f %8.1f %8.2f\n", row.tenor.c_str(),
                    row.delta.c_str(), row.n, row.mean_error_usd, row.median_abs_usd, row.median_abs_pct,
                    row.median_abs_vol_pts);
      out << buf;
    }
    if (s.condor) out << "  condor " << condor_text(*s.condor) << "\n";
    out << "\n";
  }
  auto line = [&](const char* name, std::optional<double> now, std::optional<double> before, double limit,
                  std::optional<bool> met, const char* unit) {
    std::snprintf(buf, sizeof buf, "%-38s %8s %s (before calibration %s; goal %s %.1f: %s)\n", name,
                  fmt(now).c_str(), unit, fmt(before).c_str(), unit[0] == '%' ? "<=" : "<", limit,
                  goal_word(met).c_str());
    out << buf;
  };
  out << "summary\n";
  line("condor_1dte_weekday_median_abs_pct", r.summary.condor_1dte_weekday_median_abs_pct,
       r.baseline.condor_1dte_weekday_median_abs_pct, r.goals.condor_1dte_weekday_pct, r.condor_1dte_goal(), "%");
  line("condor_span_weekend_median_abs_pct", r.summary.condor_span_weekend_median_abs_pct,
       r.baseline.condor_span_weekend_median_abs_pct, r.goals.condor_span_weekend_pct, r.condor_span_goal(), "%");
  line("spxw_leg_vol_median_abs_pts", r.summary.spxw_leg_vol_median_abs_pts, r.baseline.spxw_leg_vol_median_abs_pts,
       r.goals.spxw_leg_vol_pts, r.leg_vol_goal(), "pts");
  line("vix_call_30_250_median_abs_pct", r.summary.vix_call_30_250_median_abs_pct,
       r.baseline.vix_call_30_250_median_abs_pct, r.goals.vix_call_pct, r.vix_call_goal(), "%");
  for (const auto& n : r.notes) out << "note: " << n << "\n";
}

std::string validation_html(const ValidationResult& r) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>alvh validate-model</title>\n"
       "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
       "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}"
       "td.l{text-align:left}.miss{color:#b00}</style></head><body>\n"
       "<h1>Option model vs real quotes</h1>\n<h2>Summary</h2>\n<table><tr><th>figure</th><th>model</th>"
       "<th>before calibration</th><th>goal</th><th>result</th></tr>\n";
  auto row = [&](const char* name, std::optional<double> now, std::optional<double> before, const std::string& goal,
                 std::optional<bool> met) {
    o << "<tr><td class=l>" << name << "</td><td>" << fmt(now) << "</td><td>" << fmt(before) << "</td><td>" << goal
      << "</td><td" << (met && !*met ? " class=miss" : "") << ">" << goal_word(met) << "</td></tr>\n";
  };
  row("condor_1dte_weekday_median_abs_pct", r.summary.condor_1dte_weekday_median_abs_pct,
      r.baseline.condor_1dte_weekday_median_abs_pct, "&le; " + fmt(r.goals.condor_1dte_weekday_pct, "%.0f") + "%",
      r.condor_1dte_goal());
  row("condor_span_weekend_median_abs_pct", r.summary.condor_span_weekend_median_abs_pct,
      r.baseline.condor_span_weekend_median_abs_pct, "&le; " + fmt(r.goals.condor_span_weekend_pct, "%.0f") + "%",
      r.condor_span_goal());
  row("spxw_leg_vol_median_abs_pts", r.summary.spxw_leg_vol_median_abs_pts, r.baseline.spxw_leg_vol_median_abs_pts,
      "&lt; " + fmt(r.goals.spxw_leg_vol_pts, "%.1f") + " pts", r.leg_vol_goal());
  row("vix_call_30_250_median_abs_pct", r.summary.vix_call_30_250_median_abs_pct,
      r.baseline.vix_call_30_250_median_abs_pct, "&le; " + fmt(r.goals.vix_call_pct, "%.0f") + "%", r.vix_call_goal());
  o << "</table>\n<h2>Sessions</h2>\n";
  for (const auto& s : r.sessions) {
    o << "<h3>" << html_escape(s.label) << " &mdash; " << s.underlying << " &mdash; " << html_escape(s.file)
      << " (indices of " << s.index_date << ")</h3>\n";
    if (s.condor) o << "<p>Condor: " << html_escape(condor_text(*s.condor)) << "</p>\n";
    o << "<table><tr><th>tenor</th><th>|delta|</th><th>n</th><th>mean error $</th><th>median |error| $</th>"
         "<th>median |error| %</th><th>median |error| vol pts</th></tr>\n";
    for (const auto& row2 : s.rows)
      o << "<tr><td class=l>" << row2.tenor << "</td><td class=l>" << html_escape(row2.delta) << "</td><td>" << row2.n
        << "</td><td>" << fmt(row2.mean_error_usd, "%.1f") << "</td><td>" << fmt(row2.median_abs_usd, "%.1f")
        << "</td><td>" << fmt(row2.median_abs_pct, "%.1f") << "</td><td>" << fmt(row2.median_abs_vol_pts)
        << "</td></tr>\n";
    o << "</table>\n";
  }
  if (!r.notes.empty()) {
    o << "<h2>Notes</h2><ul>\n";
    for (const auto& n : r.notes) o << "<li>" << html_escape(n) << "</li>\n";
    o << "</ul>\n";
  }
  o << "</body></html>\n";
  return o.str();
}

}  // namespace alvh::calibration
