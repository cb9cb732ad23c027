#pragma once
// Minimal reader of the bundled data/ CSVs for core signal tests. Core tests link alvh::core
// only (the real loader lives in adapters/data), so this reads just the columns the signals use.
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "alvh/core/market_series.hpp"

namespace alvh::test {

inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

// Rows as column-name -> cell maps, in file order.
inline std::vector<std::map<std::string, std::string>> read_csv(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(f, line);
  const auto header = split_csv_line(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    const auto cells = split_csv_line(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

inline Value cell_value(const std::map<std::string, std::string>& row, const std::string& col) {
  auto it = row.find(col);
  if (it == row.end() || it->second.empty()) return std::nullopt;
  return std::stod(it->second);
}

inline Date cell_date(const std::map<std::string, std::string>& row, const std::string& col) {
  return *parse_iso_date(row.at(col));
}

inline OhlcSeries read_ohlc(const std::string& path, const std::string& d, const std::string& o,
                            const std::string& h, const std::string& l, const std::string& c) {
  OhlcSeries s;
  for (const auto& r : read_csv(path)) {
    s.bars.push_back({cell_date(r, d), cell_value(r, o), cell_value(r, h), cell_value(r, l), cell_value(r, c)});
  }
  return s;
}

// SPX, VIX, vol indices, VX M1..M8 curve and NYSE breadth from ALVH_TEST_DATA_DIR.
inline MarketHistory load_test_history() {
  const std::string dir = ALVH_TEST_DATA_DIR;
  MarketHistory h;
  h.spx = read_ohlc(dir + "/spx_daily.csv", "date", "open", "high", "low", "close");
  h.vix = read_ohlc(dir + "/vix_ohlc_daily.csv", "DATE", "OPEN", "HIGH", "LOW", "CLOSE");
  for (const auto& r : read_csv(dir + "/cboe_vol_indices_daily.csv")) {
    VolIndexRow row;
    row.date = cell_date(r, "date");
    for (std::size_t i = 0; i < kVolIndexCount; ++i) {
      row.close[i] = cell_value(r, std::string(vol_index_name(static_cast<VolIndex>(i))));
    }
    h.vol_indices.push_back(row);
  }
  for (const auto& r : read_csv(dir + "/vx_futures_m1_m8_settle.csv")) {
    VxCurveRow row;
    row.date = cell_date(r, "date");
    for (std::size_t m = 0; m < kVxMonths; ++m) {
      const std::string vx = "VX" + std::to_string(m + 1);
      row.settle[m] = cell_value(r, vx);
      if (auto e = r.find(vx + "_expiry"); e != r.end() && !e->second.empty()) row.expiry[m] = parse_iso_date(e->second);
      if (auto dte = cell_value(r, vx + "_dte")) row.days_to_expiry[m] = static_cast<int>(*dte);
    }
    h.vx_curve.push_back(row);
  }
  for (const auto& r : read_csv(dir + "/nyse_breadth_daily.csv")) {
    h.breadth.push_back({cell_date(r, "date"), cell_value(r, "nyse_advancers"), cell_value(r, "nyse_decliners"),
                         cell_value(r, "nyse_ad"), cell_value(r, "nyse_ad_cum"), cell_value(r, "nyse_mcclellan")});
  }
  return h;
}

}  // namespace alvh::test
