#include "alvh/report/report_writer.hpp"

#include <fstream>
#include <stdexcept>
#include <string>

#include "alvh/report/csv_tables.hpp"
#include "alvh/report/html_report.hpp"
#include "alvh/report/summary_json.hpp"

namespace alvh::report {

namespace {

using Write = void (*)(const backtest::BacktestResult&, std::ostream&);

void write_file(const std::filesystem::path& path, const backtest::BacktestResult& result, Write write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot open " + path.string() + " for writing");
  write(result, out);
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// The two small files are rendered as text first.
void write_summary(const backtest::BacktestResult& result, std::ostream& out) { out << summary_json(result); }
void write_html(const backtest::BacktestResult& result, std::ostream& out) { out << report_html(result); }

}  // namespace

std::vector<std::filesystem::path> write_report(const backtest::BacktestResult& result,
                                                const std::filesystem::path& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw std::runtime_error("cannot create " + out_dir.string() + ": " + ec.message());
  // The CSV tables (tens of MB) are streamed straight to their files.
  const std::pair<const char*, Write> files[] = {{"summary.json", &write_summary},
                                                 {"trades.csv", &write_trades_csv},
                                                 {"daily.csv", &write_daily_csv},
                                                 {"report.html", &write_html}};
  std::vector<std::filesystem::path> written;
  for (const auto& [name, write] : files) {
    write_file(out_dir / name, result, write);
    written.push_back(out_dir / name);
  }
  return written;
}

}  // namespace alvh::report
