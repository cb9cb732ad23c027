#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../../support/closed_form_pricer.hpp"
#include "../../backtest/replay_fixture.hpp"
#include "alvh/report/csv_tables.hpp"
#include "alvh/report/html_report.hpp"
#include "alvh/report/report_writer.hpp"
#include "alvh/report/summary_json.hpp"

using Catch::Matchers::Contains;

using namespace alvh;
namespace fs = std::filesystem;

namespace {

backtest::BacktestResult replay_result() {
  static test::ClosedFormPricer pricer;
  static test::WeekdayCalendar calendar;
  static const DailyPanel panel = test::crash_panel();
  static const SignalTable signals = test::day_index_signals(panel);
  std::vector<backtest::VariantSpec> variants;
  for (bool hedge : {false, true}) {
    backtest::VariantSpec v;
    v.name = hedge ? "alvh:test" : "condors";
    if (hedge) v.sizing_mode = "test";
    v.make_strategy = [hedge] { return std::make_unique<test::ScriptedStrategy>(hedge, std::make_shared<test::Observed>()); };
    variants.push_back(std::move(v));
  }
  backtest::BacktestInputs in{&panel, &signals, nullptr, &calendar, &pricer};
  return backtest::run_backtest(in, variants, backtest::BacktestSettings{});
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("alvh_report_test_" + name);
  fs::remove_all(dir);
  return dir;
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("the same replay gives a byte-identical summary.json", "[report][golden]") {
  const fs::path a = scratch_dir("a"), b = scratch_dir("b");
  report::write_report(replay_result(), a);
  report::write_report(replay_result(), b);
  const std::string sa = slurp(a / "summary.json"), sb = slurp(b / "summary.json");
  REQUIRE_FALSE(sa.empty());
  CHECK(sa == sb);
  CHECK(slurp(a / "trades.csv") == slurp(b / "trades.csv"));
  CHECK(slurp(a / "daily.csv") == slurp(b / "daily.csv"));
  CHECK(slurp(a / "report.html") == slurp(b / "report.html"));
  // The CSV files are streamed, not rendered first: they hold exactly the tables' text.
  const auto result = replay_result();
  CHECK(slurp(a / "trades.csv") == report::trades_csv(result));
  CHECK(slurp(a / "daily.csv") == report::daily_csv(result));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST_CASE("summary.json lists variants with metrics and crash days with recovery ratios", "[report][json]") {
  const auto result = replay_result();
  const auto j = nlohmann::json::parse(report::summary_json(result));
  REQUIRE(j["variants"].size() == 2);
  CHECK(j["variants"][0]["name"] == "condors");
  CHECK(j["variants"][0]["sizing_mode"].is_null());
  for (const char* key : {"cagr", "volatility", "sharpe", "sortino", "max_drawdown", "cvar95", "cvar99", "worst_day",
                          "hedge_cost_drag", "mean_recovery_ratio"})
    CHECK(j["variants"][1]["metrics"].contains(key));
  CHECK(j["variants"][1]["metrics"]["hedge_cost_drag"].is_number());
  bool found = false;
  for (const auto& c : j["crash_days"]) {
    for (const char* key : {"date", "variant", "condor_pnl", "hedge_pnl", "recovery_ratio"}) CHECK(c.contains(key));
    if (c["date"] == "2024-03-13" && c["variant"] == "alvh:test") {
      found = true;
      CHECK(c["recovery_ratio"].get<double>() > 0);
    }
  }
  CHECK(found);
}

TEST_CASE("trades.csv and daily.csv have one line per record plus a header", "[report][csv]") {
  const auto result = replay_result();
  std::size_t trades = 0, days = 0;
  for (const auto& v : result.variants) {
    trades += v.trades.size();
    days += v.daily.size();
  }
  const std::string t = report::trades_csv(result), d = report::daily_csv(result);
  CHECK(lines(t) == trades + 1);
  CHECK(lines(d) == days + 1);
  CHECK_THAT(d.substr(0, d.find('\n')), Contains("ladder_front"));
  CHECK_THAT(d.substr(0, d.find('\n')), Contains("signal_day"));
}

TEST_CASE("report.html is well formed, self-contained and renders", "[report][html]") {
  const fs::path dir = scratch_dir("html");
  report::write_report(replay_result(), dir);
  const fs::path html = dir / "report.html";
  const std::string text = slurp(html);
  CHECK_THAT(text, Contains("<svg"));
  CHECK(text.find("http://") == text.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  if (std::system("python3 --version > /dev/null 2>&1") == 0) {
    const std::string cmd = "python3 \"" + std::string(ALVH_SOURCE_DIR) + "/tests/adapters/report/check_html.py\" \"" +
                            html.string() + "\"";
    INFO(cmd);
    CHECK(std::system(cmd.c_str()) == 0);
  } else {
    WARN("python3 not found: HTML well-formedness check skipped");
  }
  if (fs::exists("/usr/bin/chromium")) {
    const fs::path png = dir / "report.png";
    const std::string cmd = "/usr/bin/chromium --headless --no-sandbox --disable-gpu --screenshot=\"" + png.string() +
                            "\" --window-size=1000,2000 \"file://" + html.string() + "\" > /dev/null 2>&1";
    INFO(cmd);
    CHECK(std::system(cmd.c_str()) == 0);
    CHECK(fs::exists(png));
    CHECK(fs::file_size(png) > 0);
  } else {
    WARN("/usr/bin/chromium not installed: screenshot check skipped");
  }
  fs::remove_all(dir);
}
