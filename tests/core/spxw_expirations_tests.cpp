#include <catch2/catch.hpp>

#include "alvh/core/spxw_expirations.hpp"
#include "support/data_calendar.hpp"

using alvh::Date;
using alvh::make_date;
using alvh::to_iso;

namespace {

const alvh::ExchangeCalendar& cal() { return alvh::test::data_calendar(); }

bool expiry(int y, unsigned m, unsigned d) { return alvh::is_spxw_expiry(make_date(y, m, d), cal()); }

std::vector<std::string> iso(const std::vector<Date>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(to_iso(d));
  return out;
}

}  // namespace

TEST_CASE("each SPXW weekday series starts on its documented first expiry") {
  CHECK_FALSE(expiry(2005, 10, 28));  // listing day of the first Friday weekly
  CHECK(expiry(2005, 11, 4));
  CHECK_FALSE(expiry(2016, 2, 24));
  CHECK(expiry(2016, 3, 2));
  CHECK_FALSE(expiry(2016, 8, 15));
  CHECK(expiry(2016, 8, 22));
  CHECK_FALSE(expiry(2022, 4, 19));
  CHECK(expiry(2022, 4, 26));
  CHECK_FALSE(expiry(2022, 5, 12));
  CHECK(expiry(2022, 5, 19));
}

TEST_CASE("end-of-month SPXW expiries start in July 2014 on the month's last trading day") {
  CHECK_FALSE(expiry(2014, 6, 30));  // Monday, before EOM series existed
  CHECK(expiry(2014, 7, 31));        // Thursday
  CHECK(expiry(2015, 6, 30));        // Tuesday
  CHECK(expiry(2018, 8, 31));        // Friday anyway
  CHECK_FALSE(expiry(2015, 6, 29));  // Monday before a Tuesday month end (no Monday series yet)
}

TEST_CASE("a Friday expiry on a holiday moves to the preceding trading day") {
  CHECK(expiry(2016, 3, 24));        // Good Friday 2016-03-25
  CHECK(expiry(2019, 4, 18));        // Good Friday 2019-04-19
  CHECK(expiry(2020, 12, 24));       // Christmas on Friday 2020-12-25
  CHECK_FALSE(expiry(2019, 4, 19));  // closed
  CHECK(expiry(2015, 4, 2));                 // 2015: Thursday before Good Friday 2015-04-03
  CHECK_FALSE(expiry(2015, 4, 1));           // no Wednesday series yet
}

TEST_CASE("a Wednesday expiry on a closed day moves to the preceding trading day") {
  CHECK(expiry(2018, 12, 4));   // Bush day of mourning, Wednesday 2018-12-05 (Cboe circular)
  CHECK(expiry(2019, 12, 24));  // Christmas on Wednesday
  CHECK(expiry(2018, 7, 3));    // Independence Day on Wednesday
  CHECK_FALSE(expiry(2018, 12, 5));
}

TEST_CASE("a Monday expiry on a holiday moves to the following trading day") {
  CHECK(expiry(2016, 9, 6));   // Labor Day 2016-09-05 -> Tuesday (as Cboe listed it)
  CHECK(expiry(2019, 1, 22));  // MLK day 2019-01-21 -> Tuesday
  CHECK(expiry(2019, 1, 23));  // the regular Wednesday is still there
  CHECK_FALSE(expiry(2016, 1, 19));  // MLK 2016, before Monday series: Tuesday not an expiry
}

TEST_CASE("Tuesday and Thursday expiries on holidays are simply not listed") {
  CHECK_FALSE(expiry(2022, 11, 24));  // Thanksgiving Thursday
  CHECK(expiry(2022, 11, 23));
  CHECK(expiry(2022, 11, 25));
  CHECK_FALSE(expiry(2025, 1, 9));  // Carter day of mourning; Wednesday 2025-01-08 expires anyway
  CHECK(expiry(2025, 1, 8));
}

TEST_CASE("spxw_expiries lists the expiries of sample weeks in order") {
  CHECK(iso(alvh::spxw_expiries(make_date(2019, 6, 10), make_date(2019, 6, 16), cal())) ==
        std::vector<std::string>{"2019-06-10", "2019-06-12", "2019-06-14"});
  // Juneteenth on Monday 2023-06-19: the Monday expiry moves to Tuesday, itself an expiry.
  CHECK(iso(alvh::spxw_expiries(make_date(2023, 6, 19), make_date(2023, 6, 25), cal())) ==
        std::vector<std::string>{"2023-06-20", "2023-06-21", "2023-06-22", "2023-06-23"});
  CHECK(iso(alvh::spxw_expiries(make_date(2005, 10, 1), make_date(2005, 11, 30), cal())) ==
        std::vector<std::string>{"2005-11-04", "2005-11-11", "2005-11-18", "2005-11-25"});
  CHECK(alvh::spxw_expiries(make_date(2019, 6, 16), make_date(2019, 6, 10), cal()).empty());
}

TEST_CASE("every trading day is an SPXW expiry from 2022-05-19 to the end of the data") {
  const Date last = alvh::test::data_calendar().last_data_day();
  int trading_days = 0;
  for (Date d = make_date(2022, 5, 19); d <= last; d = alvh::add_days(d, 1)) {
    if (!cal().is_trading_day(d)) continue;
    ++trading_days;
    INFO(to_iso(d));
    CHECK(alvh::is_spxw_expiry(d, cal()));
  }
  CHECK(trading_days > 1000);
}

TEST_CASE("between 2016-08-22 and 2022-04-25 Tuesdays and Thursdays expire only when shifted or at month end") {
  int tue_thu_expiries = 0;
  for (Date d = make_date(2016, 8, 22); d <= make_date(2022, 4, 25); d = alvh::add_days(d, 1)) {
    if (!cal().is_trading_day(d)) continue;
    const auto wd = alvh::weekday_of(d);
    const bool month_end = cal().next_trading_day(d).month() != d.month();
    INFO(to_iso(d));
    if (wd == std::chrono::Tuesday || wd == std::chrono::Thursday) {
      // Tuesday: stands in for a closed Monday or Wednesday; Thursday: for a closed Friday.
      const bool next_closed = !cal().is_trading_day(alvh::add_days(d, 1));
      const bool prev_closed = !cal().is_trading_day(alvh::add_days(d, -1));
      const bool shifted = next_closed || (wd == std::chrono::Tuesday && prev_closed);
      CHECK(alvh::is_spxw_expiry(d, cal()) == (shifted || month_end));
      tue_thu_expiries += alvh::is_spxw_expiry(d, cal()) ? 1 : 0;
    } else {
      CHECK(alvh::is_spxw_expiry(d, cal()));
    }
  }
  CAPTURE(tue_thu_expiries);
  CHECK(tue_thu_expiries > 50);
}

TEST_CASE("the next-trading-day expiry lookup explains why there is none") {
  auto none = alvh::spxw_expiry_next_trading_day(make_date(2019, 6, 10), cal());
  CHECK_FALSE(none.expiry);
  CHECK(none.reason == "no SPXW expiry on 2019-06-11 (Tuesday expiries start 2022-04-26, listed from 2022-04-18)");

  none = alvh::spxw_expiry_next_trading_day(make_date(2016, 8, 12), cal());
  CHECK(none.reason == "no SPXW expiry on 2016-08-15 (Monday expiries start 2016-08-22, listed from 2016-08-15)");

  none = alvh::spxw_expiry_next_trading_day(make_date(2010, 3, 2), cal());
  CHECK(none.reason == "no SPXW expiry on 2010-03-03 (Wednesday expiries start 2016-03-02, listed from 2016-02-23)");

  none = alvh::spxw_expiry_next_trading_day(make_date(2021, 6, 9), cal());
  CHECK(none.reason == "no SPXW expiry on 2021-06-10 (Thursday expiries start 2022-05-19, listed from 2022-05-11)");

  none = alvh::spxw_expiry_next_trading_day(make_date(2004, 6, 3), cal());
  CHECK(none.reason ==
        "no SPXW expiry on 2004-06-04 (SPX weeklys start with the 2005-11-04 Friday expiry, listed from 2005-10-28)");

  // Friday -> Monday over a weekend, and Wednesday -> the Thursday standing in for Good Friday.
  auto found = alvh::spxw_expiry_next_trading_day(make_date(2019, 6, 7), cal());
  REQUIRE(found.expiry);
  CHECK(to_iso(*found.expiry) == "2019-06-10");
  CHECK(found.reason.empty());
  found = alvh::spxw_expiry_next_trading_day(make_date(2019, 4, 17), cal());
  REQUIRE(found.expiry);
  CHECK(to_iso(*found.expiry) == "2019-04-18");
}

TEST_CASE("the nearest expiry within N trading days is strictly after the date") {
  CHECK_FALSE(alvh::nearest_spxw_expiry_within(make_date(2019, 6, 10), 1, cal()));
  CHECK(to_iso(*alvh::nearest_spxw_expiry_within(make_date(2019, 6, 10), 2, cal())) == "2019-06-12");
  // 2015: Fridays only (plus month ends); Monday 2015-06-01 is 4 trading days from Friday 06-05.
  CHECK_FALSE(alvh::nearest_spxw_expiry_within(make_date(2015, 6, 1), 3, cal()));
  CHECK(to_iso(*alvh::nearest_spxw_expiry_within(make_date(2015, 6, 1), 4, cal())) == "2015-06-05");
  CHECK(to_iso(*alvh::nearest_spxw_expiry_within(make_date(2015, 6, 29), 1, cal())) == "2015-06-30");
  // An expiry day itself does not count.
  CHECK(to_iso(*alvh::nearest_spxw_expiry_within(make_date(2019, 6, 14), 1, cal())) == "2019-06-17");
  CHECK_FALSE(alvh::nearest_spxw_expiry_within(make_date(2019, 6, 14), 0, cal()));
}
