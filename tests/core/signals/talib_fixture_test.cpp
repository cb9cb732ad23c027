// The fixture tests/fixtures/signals/talib_vix_macd_rsi.csv was produced by
// scripts/make_talib_fixture.py: a literal Python port of TA-Lib's C TA_MACD(12,26,9) and
// TA_RSI(14) (default compatibility, src/ta_func/ta_MACD.c, ta_RSI.c, ta_EMA.c), run from index 0
// over the CLOSE column of data/vix_ohlc_daily.csv (1990-01-02 onward). TA-Lib itself is not
// installable here, so the port is the independent reference.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "alvh/core/signals/macd.hpp"
#include "alvh/core/signals/rsi.hpp"
#include "test_market_data.hpp"

namespace {

struct Fixture {
  std::vector<std::string> dates;
  std::vector<alvh::Value> close, macd, signal, hist, rsi;
};

Fixture load_fixture() {
  Fixture f;
  for (const auto& r : alvh::test::read_csv(std::string(ALVH_TEST_FIXTURES_DIR) + "/signals/talib_vix_macd_rsi.csv")) {
    f.dates.push_back(r.at("date"));
    f.close.push_back(alvh::test::cell_value(r, "close"));
    f.macd.push_back(alvh::test::cell_value(r, "macd"));
    f.signal.push_back(alvh::test::cell_value(r, "signal"));
    f.hist.push_back(alvh::test::cell_value(r, "hist"));
    f.rsi.push_back(alvh::test::cell_value(r, "rsi"));
  }
  return f;
}

// Largest |a - b| over the series; fails when presence differs anywhere.
double max_abs_diff(const std::vector<alvh::Value>& got, const std::vector<alvh::Value>& want,
                    const std::vector<std::string>& dates) {
  REQUIRE(got.size() == want.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("row " << i << " date " << dates[i]);
    REQUIRE(got[i].has_value() == want[i].has_value());
    if (got[i]) worst = std::max(worst, std::fabs(*got[i] - *want[i]));
  }
  return worst;
}

}  // namespace

TEST_CASE("MACD(12,26,9) and RSI(14) of the VIX close agree with the TA-Lib port to 1e-9 over 1990 onward") {
  const Fixture f = load_fixture();
  CAPTURE(f.dates.size(), f.dates.front(), f.dates.back());
  REQUIRE(f.dates.size() > 9000);
  REQUIRE(f.dates.front() == "1990-01-02");

  const auto m = alvh::macd(f.close, 12, 26, 9);
  const auto r = alvh::rsi(f.close, 14);
  const double dm = max_abs_diff(m.macd, f.macd, f.dates);
  const double ds = max_abs_diff(m.signal, f.signal, f.dates);
  const double dh = max_abs_diff(m.hist, f.hist, f.dates);
  const double dr = max_abs_diff(r, f.rsi, f.dates);
  CAPTURE(dm, ds, dh, dr);
  CHECK(dm <= 1e-9);
  CHECK(ds <= 1e-9);
  CHECK(dh <= 1e-9);
  CHECK(dr <= 1e-9);

  // TA-Lib's lookbacks: first MACD at index 33, first RSI at index 14.
  CHECK_FALSE(m.macd[32].has_value());
  CHECK(m.macd[33].has_value());
  CHECK_FALSE(r[13].has_value());
  CHECK(r[14].has_value());
}

TEST_CASE("streaming MACD and RSI over the VIX history reproduce the TA-Lib port to 1e-9") {
  const Fixture f = load_fixture();
  alvh::Macd macd;
  alvh::Rsi rsi;
  double worst = 0.0;
  for (std::size_t i = 0; i < f.close.size(); ++i) {
    INFO("row " << i << " date " << f.dates[i] << " close " << *f.close[i]);
    const auto m = macd.update(f.close[i]);
    const auto r = rsi.update(f.close[i]);
    REQUIRE(m.has_value() == f.macd[i].has_value());
    REQUIRE(r.has_value() == f.rsi[i].has_value());
    if (m) {
      worst = std::max({worst, std::fabs(m->macd - *f.macd[i]), std::fabs(m->signal - *f.signal[i]),
                        std::fabs(m->hist - *f.hist[i])});
    }
    if (r) worst = std::max(worst, std::fabs(*r - *f.rsi[i]));
  }
  CAPTURE(worst);
  CHECK(worst <= 1e-9);
}
