// Fuzzes the pure CSV/text parsers of the market-data adapter. Each input is handed to every
// parser (the header decides how far each one gets). Bad input may only raise DataError; anything
// else escaping (std::out_of_range, a crash, a sanitizer report) is a bug. Accepted output keeps
// the documented invariants: dates strictly increasing, no 0/NaN/inf where 0 means missing.
#include <cmath>
#include <string>
#include <string_view>

#include "alvh/data/data_error.hpp"
#include "alvh/data/nyse_breadth_csv.hpp"
#include "alvh/data/ohlc_csv.hpp"
#include "alvh/data/open_dates_txt.hpp"
#include "alvh/data/vol_indices_csv.hpp"
#include "alvh/data/vx_contracts_csv.hpp"
#include "alvh/data/vx_curve_csv.hpp"
#include "fuzz_check.hpp"
#include "fuzz_targets.hpp"

namespace {

using namespace alvh;
using alvh::fuzz::check;

void finite_or_missing(const Value& v, bool zero_is_missing, const char* what) {
  if (!v) return;
  check(std::isfinite(*v), std::string(what) + ": non-finite value accepted");
  if (zero_is_missing) check(*v != 0.0, std::string(what) + ": 0 kept although 0 means missing");
}

void check_ohlc(const OhlcSeries& s) {
  for (std::size_t i = 0; i < s.bars.size(); ++i) {
    const OhlcBar& b = s.bars[i];
    check(b.date.ok(), "ohlc: invalid date accepted");
    if (i > 0) check(s.bars[i - 1].date < b.date, "ohlc: dates not strictly increasing");
    finite_or_missing(b.open, true, "ohlc open");
    finite_or_missing(b.high, true, "ohlc high");
    finite_or_missing(b.low, true, "ohlc low");
    finite_or_missing(b.close, true, "ohlc close");
    if (b.open && b.high && b.low) check(*b.low <= *b.open && *b.open <= *b.high, "ohlc: open outside [low, high]");
  }
}

template <class F>
void expect_only_data_errors(F&& parse) {
  try {
    parse();
  } catch (const DataError& e) {
    check(e.line() > 0 || e.column() == 0, std::string("DataError with a column but no line: ") + e.what());
  }
}

}  // namespace

int alvh_fuzz_market_data(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  expect_only_data_errors([&] { check_ohlc(parse_spx_daily(text, "spx_daily.csv")); });
  expect_only_data_errors([&] { check_ohlc(parse_vix_ohlc(text, "vix_ohlc_daily.csv")); });
  expect_only_data_errors([&] {
    const auto rows = parse_vol_indices(text, "cboe_vol_indices_daily.csv");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) check(rows[i - 1].date < rows[i].date, "vol indices: dates not strictly increasing");
      for (const auto& v : rows[i].close) finite_or_missing(v, true, "vol index");
    }
  });
  expect_only_data_errors([&] {
    const auto rows = parse_vx_curve(text, "vx_futures_m1_m8_settle.csv");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) check(rows[i - 1].date < rows[i].date, "vx curve: dates not strictly increasing");
      for (const auto& v : rows[i].settle) finite_or_missing(v, true, "vx settle");
    }
  });
  expect_only_data_errors([&] {
    const auto rows = parse_vx_contracts(text, "vx_contracts_daily.csv");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) check(!(rows[i].trade_date < rows[i - 1].trade_date), "vx contracts: trade dates decreasing");
      finite_or_missing(rows[i].settle, true, "vx contract settle");
      finite_or_missing(rows[i].volume, true, "vx contract volume");
    }
  });
  expect_only_data_errors([&] {
    const auto rows = parse_nyse_breadth(text, "nyse_breadth_daily.csv");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) check(rows[i - 1].date < rows[i].date, "breadth: dates not strictly increasing");
      finite_or_missing(rows[i].ad, false, "breadth ad");
      finite_or_missing(rows[i].mcclellan, false, "breadth mcclellan");
    }
  });
  expect_only_data_errors([&] {
    const auto dates = parse_open_dates(text, "nyse_open_dates.txt");
    for (std::size_t i = 1; i < dates.size(); ++i)
      check(dates[i - 1] < dates[i], "open dates: not strictly increasing");
  });
  return 0;
}

ALVH_FUZZ_ENTRY(alvh_fuzz_market_data)
