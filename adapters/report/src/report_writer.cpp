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
  // The CSV tables (tens of MB) go straight to their files; the others are rendered one at a time.
  std::vector<std::filesystem::path> written;
  write_file(out_dir / "summary.json", summary_json(result));
  written.push_back(out_dir / "summary.json");
  using Stream = void (*)(const backtest::BacktestResult&, std::ostream&);
  const std::pair<const char*, Stream> tables[] = {{"trades.csv", &write_trades_csv}, {"daily.csv", &write_daily_csv}};
  for (const auto& [name, stream] : tables) {
    const auto path = out_dir / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot open " + path.string() + " for writing");
    stream(result, out);
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + path.string());
    written.push_back(path);
  }
  write_file(out_dir / "report.html", report_html(result));
  written.push_back(out_dir / "report.html");
  return written;
}

}  // namespace alvh::report
