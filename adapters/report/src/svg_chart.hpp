#pragma once
// Minimal inline-SVG charts for report.html: time-series lines and grouped bars. Text only, no
// scripts; long series are reduced to per-bucket min/max so extremes (crashes) stay visible.
#include <string>
#include <vector>

#include "alvh/core/date.hpp"

namespace alvh::report::detail {

enum class AxisFormat { money, percent, count };

struct LineSeries {
  std::string name;
  std::vector<Date> dates;
  std::vector<double> values;
};

struct ChartStyle {
  std::string title;
  AxisFormat format = AxisFormat::money;
  int width = 920;
  int height = 280;
  int max_points = 1200;  // per series
};

std::string line_chart(const std::vector<LineSeries>& series, const ChartStyle& style);

// values[s][c]: series s in category c.
std::string bar_chart(const std::vector<std::string>& categories, const std::vector<std::string>& series_names,
                      const std::vector<std::vector<double>>& values, const ChartStyle& style);

std::string html_escape(const std::string& s);
const char* series_color(std::size_t i);

}  // namespace alvh::report::detail
