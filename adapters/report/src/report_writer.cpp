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
  const std::vector<std::pair<std::string, std::string>> files{
      {"summary.json", summary_json(result)},
      {"trades.csv", trades_csv(result)},
      {"daily.csv", daily_csv(result)},
      {"report.html", report_html(result)},
  };
  std::vector<std::filesystem::path> written;
  for (const auto& [name, text] : files) {
    write_file(out_dir / name, text);
    written.push_back(out_dir / name);
  }
  return written;
}

}  // namespace alvh::report
