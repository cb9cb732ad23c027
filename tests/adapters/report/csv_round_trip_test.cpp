// trades.csv and daily.csv print every number in its shortest round-trip form: reading a cell back
// gives exactly the double the replay computed, so any figure can be recomputed from the files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "../../backtest/replay_fixture.hpp"
#include "../../support/closed_form_pricer.hpp"
#include "alvh/report/csv_tables.hpp"
#include "alvh/report/number_format.hpp"

using namespace alvh;

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

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  out.push_back(cell);
  return out;
}

std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) rows.push_back(split_csv_line(line));
  return rows;
}

// The whole cell must parse as one double.
double parse(const std::string& cell) {
  double v = std::numeric_limits<double>::quiet_NaN();
  const auto res = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  INFO("cell '" << cell << "'");
  REQUIRE(res.ec == std::errc());
  REQUIRE(res.ptr == cell.data() + cell.size());
  return v;
}

void check_exact(const std::string& cell, double expected) {
  CAPTURE(cell, expected);
  CHECK(parse(cell) == expected);
}

}  // namespace

TEST_CASE("a round-trip number reads back as the same double, in its shortest form", "[report][format]") {
  using report::format_round_trip;
  for (double x : {0.1 + 0.2, 1.0 / 3.0, -1234.5678, 1e-7, 123456789.125, 5e-324, 1.7976931348623157e308, 100000.0}) {
    const std::string s = format_round_trip(x);
    CAPTURE(x, s);
    CHECK(parse(s) == x);
  }
  CHECK(format_round_trip(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_round_trip(70.0) == "70");
  CHECK(format_round_trip(-0.0) == "0");
  CHECK(format_round_trip(std::numeric_limits<double>::quiet_NaN()).empty());
  CHECK(format_round_trip(-std::numeric_limits<double>::infinity()).empty());
}

TEST_CASE("every number in trades.csv parses back to the trade record's exact value", "[report][csv]") {
  const auto result = replay_result();
  const auto rows = rows_of(report::trades_csv(result));
  REQUIRE(rows.size() > 1);
  REQUIRE(rows[0] == std::vector<std::string>{"variant", "date", "time", "book", "position", "group", "action", "symbol",
                                              "quantity", "price", "fees", "cash"});
  std::size_t r = 1;
  for (const auto& v : result.variants)
    for (const auto& t : v.trades) {
      REQUIRE(r < rows.size());
      const auto& row = rows[r++];
      CAPTURE(r, v.name);
      REQUIRE(row.size() == 12);
      CHECK(row[0] == v.name);
      check_exact(row[8], t.quantity);
      check_exact(row[9], t.price);
      check_exact(row[10], t.fees);
      check_exact(row[11], t.cash);
    }
  CHECK(r == rows.size());
}

TEST_CASE("every number in daily.csv parses back to the daily record's exact value", "[report][csv]") {
  const auto result = replay_result();
  const auto rows = rows_of(report::daily_csv(result));
  REQUIRE(rows.size() > 1);
  const auto& header = rows[0];
  const std::size_t first_layer = 16, first_signal = first_layer + result.variants.back().ladder_layers.size();
  REQUIRE(header.size() == first_signal + result.signals.columns.size());
  std::size_t r = 1, numbers = 0;
  for (const auto& v : result.variants) {
    double peak = 0;
    bool first = true;
    for (const auto& d : v.daily) {
      REQUIRE(r < rows.size());
      const auto& row = rows[r++];
      CAPTURE(r, v.name, to_iso(d.date));
      REQUIRE(row.size() == header.size());
      // drawdown is derived in the writer; the same arithmetic must give the same double.
      if (first || d.equity > peak) peak = d.equity;
      first = false;
      const double dd = peak > 0 ? (peak - d.equity) / peak : 0.0;
      const double expected[] = {d.equity,
                                 dd,
                                 d.condor_pnl,
                                 d.hedge_pnl,
                                 d.hedge_value,
                                 static_cast<double>(d.open_condors),
                                 d.condor_greeks.delta,
                                 d.condor_greeks.gamma,
                                 d.condor_greeks.vega,
                                 d.condor_greeks.theta,
                                 d.hedge_greeks.delta,
                                 d.hedge_greeks.gamma,
                                 d.hedge_greeks.vega,
                                 d.hedge_greeks.theta};
      for (std::size_t c = 0; c < std::size(expected); ++c) {
        CAPTURE(header[c + 2]);
        check_exact(row[c + 2], expected[c]);
        ++numbers;
      }
      for (std::size_t l = 0; l < v.ladder_layers.size() && l < d.ladder_contracts.size(); ++l)
        check_exact(row[first_layer + l], d.ladder_contracts[l]);
      const auto& sig = result.signals;
      const auto at = std::find(sig.dates.begin(), sig.dates.end(), d.date);
      for (std::size_t c = 0; c < sig.columns.size(); ++c) {
        const std::string& cell = row[first_signal + c];
        const auto s = static_cast<std::size_t>(at - sig.dates.begin());
        if (at == sig.dates.end() || !sig.values[c][s]) {
          CHECK(cell.empty());
        } else {
          check_exact(cell, *sig.values[c][s]);
          ++numbers;
        }
      }
    }
  }
  CHECK(r == rows.size());
  CHECK(numbers > 100);
}

TEST_CASE("trades.csv and daily.csv are byte-identical across two replays", "[report][csv]") {
  const auto a = replay_result(), b = replay_result();
  CHECK(report::trades_csv(a) == report::trades_csv(b));
  CHECK(report::daily_csv(a) == report::daily_csv(b));
}
