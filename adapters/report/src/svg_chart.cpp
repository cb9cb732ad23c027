#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "alvh/report/number_format.hpp"

namespace alvh::report::detail {

namespace {

constexpr int kLeft = 78, kRight = 16, kTop = 30, kBottom = 48;

double day_number(Date d) { return static_cast<double>(to_days(d).time_since_epoch().count()); }

std::string axis_label(double v, AxisFormat f) {
  switch (f) {
    case AxisFormat::percent: return format_number(v * 100.0, 1) + "%";
    case AxisFormat::count: return format_number(v, 0);
    case AxisFormat::money:
      if (std::fabs(v) >= 1e6) return "$" + format_number(v / 1e6, 2) + "M";
      if (std::fabs(v) >= 1e3) return "$" + format_number(v / 1e3, 1) + "k";
      return "$" + format_number(v, 0);
  }
  return {};
}

// Tick step of 1, 2 or 5 x 10^k giving about `target` intervals.
double nice_step(double span, int target) {
  if (!(span > 0)) return 1.0;
  const double raw = span / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / mag;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
}

std::string px(double v) { return format_number(v, 1); }

struct Frame {
  double x0, x1, y0, y1;
  int w, h;
  double sx(double x) const { return kLeft + (x1 > x0 ? (x - x0) / (x1 - x0) : 0.5) * (w - kLeft - kRight); }
  double sy(double y) const { return kTop + (y1 > y0 ? (y1 - y) / (y1 - y0) : 0.5) * (h - kTop - kBottom); }
};

void open_svg(std::ostringstream& out, const ChartStyle& style) {
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" << style.width << "\" height=\""
      << style.height << "\" viewBox=\"0 0 " << style.width << ' ' << style.height << "\" role=\"img\">\n";
  out << "<title>" << html_escape(style.title) << "</title>\n";
  out << "<text x=\"" << kLeft << "\" y=\"18\" class=\"ct\">" << html_escape(style.title) << "</text>\n";
}

void y_axis(std::ostringstream& out, const Frame& f, AxisFormat format) {
  const double step = nice_step(f.y1 - f.y0, 5);
  for (double v = std::ceil(f.y0 / step) * step; v <= f.y1 + step * 1e-9; v += step) {
    const double y = f.sy(v);
    out << "<line x1=\"" << kLeft << "\" x2=\"" << f.w - kRight << "\" y1=\"" << px(y) << "\" y2=\"" << px(y)
        << "\" class=\"grid\"/>\n";
    out << "<text x=\"" << kLeft - 6 << "\" y=\"" << px(y + 4) << "\" class=\"yl\">" << html_escape(axis_label(v, format))
        << "</text>\n";
  }
}

void legend(std::ostringstream& out, const std::vector<std::string>& names, int width, int height,
            std::size_t first_color = 0) {
  double x = kLeft;
  const double y = height - 12;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out << "<rect x=\"" << px(x) << "\" y=\"" << px(y - 9) << "\" width=\"12\" height=\"10\" fill=\"" << series_color(i + first_color)
        << "\"/>\n<text x=\"" << px(x + 16) << "\" y=\"" << px(y) << "\" class=\"lg\">" << html_escape(names[i])
        << "</text>\n";
    x += 26 + 7.0 * static_cast<double>(names[i].size());
    if (x > width - 100) break;
  }
}

}  // namespace

const char* series_color(std::size_t i) {
  static const char* kColors[] = {"#444444", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"};
  return kColors[i % (sizeof kColors / sizeof kColors[0])];
}

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string line_chart(const std::vector<LineSeries>& series, const ChartStyle& style) {
  Frame f{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
          std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), style.width, style.height};
  for (const auto& s : series)
    for (std::size_t i = 0; i < s.dates.size() && i < s.values.size(); ++i) {
      if (!std::isfinite(s.values[i])) continue;
      f.x0 = std::min(f.x0, day_number(s.dates[i]));
      f.x1 = std::max(f.x1, day_number(s.dates[i]));
      f.y0 = std::min(f.y0, s.values[i]);
      f.y1 = std::max(f.y1, s.values[i]);
    }
  std::ostringstream out;
  open_svg(out, style);
  if (!(f.x1 >= f.x0)) {
    out << "<text x=\"" << kLeft << "\" y=\"60\">no data</text>\n</svg>\n";
    return out.str();
  }
  if (f.y1 - f.y0 < 1e-12) {
    f.y0 -= 1;
    f.y1 += 1;
  }
  const double pad = (f.y1 - f.y0) * 0.04;
  f.y0 -= pad;
  f.y1 += pad;
  y_axis(out, f, style.format);
  // Year ticks on the x axis.
  const int y_first = static_cast<int>(Date{std::chrono::sys_days{std::chrono::days{static_cast<int>(f.x0)}}}.year());
  const int y_last = static_cast<int>(Date{std::chrono::sys_days{std::chrono::days{static_cast<int>(f.x1)}}}.year());
  const int every = std::max(1, (y_last - y_first + 1) / 12 + 1);
  for (int y = y_first + 1; y <= y_last; y += every) {
    const double x = f.sx(day_number(make_date(y, 1, 1)));
    out << "<line x1=\"" << px(x) << "\" x2=\"" << px(x) << "\" y1=\"" << kTop << "\" y2=\"" << style.height - kBottom
        << "\" class=\"grid\"/>\n<text x=\"" << px(x) << "\" y=\"" << style.height - kBottom + 16 << "\" class=\"xl\">"
        << y << "</text>\n";
  }
  std::vector<std::string> names;
  for (std::size_t k = 0; k < series.size(); ++k) {
    const LineSeries& s = series[k];
    names.push_back(s.name);
    const std::size_t n = std::min(s.dates.size(), s.values.size());
    const std::size_t buckets = static_cast<std::size_t>(std::max(style.max_points / 2, 1));
    out << "<polyline fill=\"none\" stroke=\"" << series_color(k) << "\" stroke-width=\"1.3\" points=\"";
    auto point = [&](std::size_t i) { out << px(f.sx(day_number(s.dates[i]))) << ',' << px(f.sy(s.values[i])) << ' '; };
    if (n <= 2 * buckets) {
      for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(s.values[i])) point(i);
    } else {
      for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t lo = b * n / buckets, hi = (b + 1) * n / buckets;
        std::size_t mn = lo, mx = lo;
        for (std::size_t i = lo; i < hi; ++i) {
          if (!std::isfinite(s.values[i])) continue;
          if (s.values[i] < s.values[mn] || !std::isfinite(s.values[mn])) mn = i;
          if (s.values[i] > s.values[mx] || !std::isfinite(s.values[mx])) mx = i;
        }
        if (!std::isfinite(s.values[mn])) continue;
        point(std::min(mn, mx));
        if (mn != mx) point(std::max(mn, mx));
      }
    }
    out << "\"/>\n";
  }
  legend(out, names, style.width, style.height);
  out << "</svg>\n";
  return out.str();
}

std::string bar_chart(const std::vector<std::string>& categories, const std::vector<std::string>& series_names,
                      const std::vector<std::vector<double>>& values, const ChartStyle& style) {
  Frame f{0, 1, 0, 0, style.width, style.height};
  for (const auto& row : values)
    for (double v : row)
      if (std::isfinite(v)) {
        f.y0 = std::min(f.y0, v);
        f.y1 = std::max(f.y1, v);
      }
  std::ostringstream out;
  open_svg(out, style);
  if (categories.empty() || values.empty()) {
    out << "<text x=\"" << kLeft << "\" y=\"60\">no data</text>\n</svg>\n";
    return out.str();
  }
  if (f.y1 - f.y0 < 1e-12) f.y1 = f.y0 + 1;
  const double pad = (f.y1 - f.y0) * 0.05;
  f.y0 -= f.y0 < 0 ? pad : 0;
  f.y1 += pad;
  y_axis(out, f, style.format);
  const double plot_w = style.width - kLeft - kRight;
  const double slot = plot_w / static_cast<double>(categories.size());
  const double bar = slot * 0.8 / static_cast<double>(values.size());
  const int label_every = std::max(1, static_cast<int>(categories.size()) / 20 + 1);
  for (std::size_t c = 0; c < categories.size(); ++c) {
    const double x0 = kLeft + slot * static_cast<double>(c) + slot * 0.1;
    for (std::size_t s = 0; s < values.size(); ++s) {
      if (c >= values[s].size() || !std::isfinite(values[s][c])) continue;
      const double v = values[s][c];
      const double top = f.sy(std::max(v, 0.0)), bottom = f.sy(std::min(v, 0.0));
      out << "<rect x=\"" << px(x0 + bar * static_cast<double>(s)) << "\" y=\"" << px(top) << "\" width=\"" << px(bar)
          << "\" height=\"" << px(std::max(bottom - top, 0.5)) << "\" fill=\"" << series_color(s + 1) << "\"><title>"
          << html_escape(series_names[s] + " " + categories[c] + ": " + axis_label(v, style.format)) << "</title></rect>\n";
    }
    if (static_cast<int>(c) % label_every == 0)
      out << "<text x=\"" << px(x0 + slot * 0.4) << "\" y=\"" << style.height - kBottom + 16 << "\" class=\"xl\">"
          << html_escape(categories[c]) << "</text>\n";
  }
  const double zero = f.sy(0);
  out << "<line x1=\"" << kLeft << "\" x2=\"" << style.width - kRight << "\" y1=\"" << px(zero) << "\" y2=\"" << px(zero)
      << "\" class=\"axis\"/>\n";
  // Bars use colours from index 1 so the unhedged baseline keeps colour 0 in every chart.
  legend(out, series_names, style.width, style.height, 1);
  out << "</svg>\n";
  return out.str();
}

}  // namespace alvh::report::detail
