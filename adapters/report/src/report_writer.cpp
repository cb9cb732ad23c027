#include "alvh/report/report_writer.hpp"

#include <fstream>
#include <stdexcept>
#include <string>

#include "alvh/report/csv_tables.hpp"
#include "alvh/report/html_report.hpp"
#include "alvh/report/summary_json.hpp"

namespace alvh::report {

namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot open " + path.string() + " for writing");
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::vector<std::filesystem::path> write_report(const backtest::BacktestResult& result,
                                                const std::filesystem::path& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw std::runtime_error("cannot create " + out_dir.string() + ": " + ec.message());
  // One file at a time, so only one rendered text is in memory (trades.csv is tens of MB).
  using Render = std::string (*)(const backtest::BacktestResult&);
  const std::pair<const char*, Render> files[] = {
      {"summary.json", &summary_json}, {"trades.csv", &trades_csv}, {"daily.csv", &daily_csv}, {"report.html", &report_html}};
  std::vector<std::filesystem::path> written;
  for (const auto& [name, render] : files) {
    write_file(out_dir / name, render(result));
    written.push_back(out_dir / name);
  }
  return written;
}

}  // namespace alvh::report
