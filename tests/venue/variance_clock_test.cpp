#include <catch2/catch.hpp>

#include "alvh/core/clock.hpp"
#include "alvh/venue/variance_clock.hpp"

using namespace alvh;
using namespace alvh::venue;
using Catch::Matchers::WithinAbs;

namespace {

VarianceClock clock_with(double overnight, double weekend, double holiday) {
  return VarianceClock(VarianceClockParams{overnight, weekend, holiday});
}

}  // namespace

TEST_CASE("one weekday close to close is one unit whatever the overnight share") {
  for (double o : {0.0, 0.2, 0.5}) {
    CAPTURE(o);
    const auto c = clock_with(o, 0.1, 0.3);
    CHECK_THAT(c.units(make_date(2023, 5, 23), hhmm(16, 0), make_date(2023, 5, 24), hhmm(16, 0)), WithinAbs(1.0, 1e-12));
    CHECK_THAT(c.years(make_date(2023, 5, 23), hhmm(16, 0), make_date(2023, 5, 24), hhmm(16, 0)), WithinAbs(1.0 / 252, 1e-12));
  }
}

TEST_CASE("a Friday close to Monday close span is one weekday plus two weekend days") {
  const auto c = clock_with(0.2, 0.1, 0.3);
  CHECK_THAT(c.units(make_date(2023, 8, 18), hhmm(16, 0), make_date(2023, 8, 21), hhmm(16, 0)), WithinAbs(1.2, 1e-12));
  const ClockSpan s = clock_span(make_date(2023, 8, 18), hhmm(16, 0), make_date(2023, 8, 21), hhmm(16, 0));
  CHECK_THAT(s.sessions, WithinAbs(1.0, 1e-12));
  CHECK_THAT(s.overnights, WithinAbs(1.0, 1e-12));
  CHECK_THAT(s.weekend_days, WithinAbs(2.0, 1e-12));
  CHECK_THAT(s.holidays, WithinAbs(0.0, 1e-12));
}

TEST_CASE("a holiday weekend adds the holiday's weight (Labor Day 2020)") {
  const auto c = clock_with(0.2, 0.1, 0.3);
  CHECK_THAT(c.units(make_date(2020, 9, 4), hhmm(16, 0), make_date(2020, 9, 8), hhmm(16, 0)), WithinAbs(1.5, 1e-12));
}

TEST_CASE("an intraday valuation counts the rest of the session in session minutes") {
  const double o = 0.25;
  const auto c = clock_with(o, 0.1, 0.3);
  // 11:40 to 16:00 is 260 of 390 session minutes, then one full weekday.
  CHECK_THAT(c.units(make_date(2022, 7, 12), hhmm(11, 40), make_date(2022, 7, 13), hhmm(16, 0)),
             WithinAbs(260.0 / 390.0 * (1 - o) + 1.0, 1e-12));
  // 15:45 to the close: the replay's entry.
  CHECK_THAT(c.units(make_date(2022, 7, 12), hhmm(15, 45), make_date(2022, 7, 12), hhmm(16, 0)),
             WithinAbs(15.0 / 390.0 * (1 - o), 1e-12));
  // After the close, part of the overnight is already gone (pro rata in wall-clock minutes).
  const double gap = 17.5 * 60;
  CHECK_THAT(c.units(make_date(2022, 7, 12), hhmm(16, 15), make_date(2022, 7, 13), hhmm(16, 0)),
             WithinAbs(o * (gap - 15) / gap + (1 - o), 1e-12));
  CHECK(c.units(make_date(2022, 7, 13), hhmm(16, 0), make_date(2022, 7, 12), hhmm(16, 0)) == 0.0);
}

TEST_CASE("NYSE holidays follow the exchange's rules") {
  CHECK(nyse_holiday(make_date(2023, 5, 29)));   // Memorial Day
  CHECK(nyse_holiday(make_date(2022, 6, 20)));   // Juneteenth observed on Monday
  CHECK(nyse_holiday(make_date(2024, 3, 29)));   // Good Friday
  CHECK(nyse_holiday(make_date(2020, 9, 7)));    // Labor Day
  CHECK(nyse_holiday(make_date(2018, 12, 5)));   // national day of mourning
  CHECK(nyse_holiday(make_date(2023, 1, 2)));    // New Year's Day on a Sunday
  CHECK_FALSE(nyse_holiday(make_date(2021, 12, 31)));  // Saturday New Year: no Friday closure
  CHECK_FALSE(nyse_holiday(make_date(2021, 6, 18)));   // before Juneteenth was a holiday
  CHECK_FALSE(nyse_trading_day(make_date(2023, 8, 19)));
  CHECK(nyse_trading_day(make_date(2023, 8, 18)));
}
