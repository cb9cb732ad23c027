#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include "alvh/core/spxw_expirations.hpp"
#include "alvh/core/vix_expirations.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"

using alvh::Date;
using alvh::make_date;
using alvh::to_iso;

namespace {

std::set<Date> first_column_dates(const std::string& file, bool has_header) {
  std::ifstream in(std::string(ALVH_TEST_DATA_DIR) + "/" + file);
  REQUIRE(in);
  std::string line;
  if (has_header) std::getline(in, line);
  std::set<Date> out;
  while (std::getline(in, line)) {
    const auto d = alvh::parse_iso_date(line.substr(0, line.find(',')));
    INFO(file << ": " << line);
    REQUIRE(d);
    out.insert(*d);
  }
  return out;
}

// Compares the calendar with a set of open dates over [from, to]; returns the disagreements.
std::set<Date> disagreements(const alvh::NyseCalendar& cal, const std::set<Date>& open, Date from, Date to) {
  std::set<Date> out;
  for (Date d = from; d <= to; d = alvh::add_days(d, 1)) {
    if (cal.is_trading_day(d) != (open.count(d) > 0)) out.insert(d);
  }
  return out;
}

std::string iso_list(const std::set<Date>& ds) {
  std::string s;
  for (auto d : ds) s += to_iso(d) + " ";
  return s;
}

}  // namespace

TEST_CASE("NyseCalendar agrees with data/nyse_open_dates.txt from 1990 to 2024 except one documented date") {
  const alvh::NyseCalendar cal;
  const auto open = first_column_dates("nyse_open_dates.txt", false);
  const auto diff = disagreements(cal, open, make_date(1990, 1, 1), make_date(2024, 12, 31));
  INFO("disagreements: " << iso_list(diff));
  // 2023-12-29 (Friday) is missing from the file, but the NYSE was open: spx_daily.csv has a full
  // session that day (docs/calendar.md). The calendar is right, the file is wrong.
  CHECK(diff == std::set<Date>{make_date(2023, 12, 29)});
  CHECK(cal.is_trading_day(make_date(2023, 12, 29)));
}

TEST_CASE("NyseCalendar agrees with the dates of data/spx_daily.csv from 2025 to 2026-08-21") {
  const alvh::NyseCalendar cal;
  const auto open = first_column_dates("spx_daily.csv", true);
  const auto diff = disagreements(cal, open, make_date(2025, 1, 1), make_date(2026, 8, 21));
  INFO("disagreements: " << iso_list(diff));
  CHECK(diff.empty());
}

TEST_CASE("NyseCalendar knows the unscheduled closures and Juneteenth") {
  const alvh::NyseCalendar cal;
  for (const Date d : {make_date(2001, 9, 11), make_date(2001, 9, 12), make_date(2001, 9, 13), make_date(2001, 9, 14),
                       make_date(2004, 6, 11), make_date(2007, 1, 2), make_date(2012, 10, 29), make_date(2012, 10, 30),
                       make_date(2018, 12, 5), make_date(2025, 1, 9), make_date(1994, 4, 27)}) {
    INFO(to_iso(d));
    CHECK_FALSE(cal.is_trading_day(d));
  }
  // Juneteenth from 2022 (observed Monday 2022-06-20, Friday 2027-06-18); a trading day in 2021.
  CHECK(cal.is_trading_day(make_date(2021, 6, 18)));
  CHECK_FALSE(cal.is_trading_day(make_date(2022, 6, 20)));
  CHECK_FALSE(cal.is_trading_day(make_date(2023, 6, 19)));
  CHECK_FALSE(cal.is_trading_day(make_date(2026, 6, 19)));
  CHECK_FALSE(cal.is_trading_day(make_date(2027, 6, 18)));
  CHECK(cal.is_trading_day(make_date(2001, 9, 17)));
}

TEST_CASE("NyseCalendar early closes follow the NYSE rules and their history") {
  const alvh::NyseCalendar cal;
  auto close = [&](int y, unsigned m, unsigned d) { return cal.early_close_minutes(make_date(y, m, d)); };
  constexpr int one_pm = 13 * 60;
  constexpr int two_pm = 14 * 60;
  // Day after Thanksgiving: 14:00 in 1992, 13:00 since 1993, none before 1992.
  CHECK_FALSE(close(1991, 11, 29));
  CHECK(close(1992, 11, 27) == two_pm);
  CHECK(close(1993, 11, 26) == one_pm);
  CHECK(close(2025, 11, 28) == one_pm);
  // Christmas Eve on a trading day: 14:00 to 1992, 13:00 after.
  CHECK(close(1990, 12, 24) == two_pm);
  CHECK(close(1992, 12, 24) == two_pm);
  CHECK(close(1996, 12, 24) == one_pm);
  CHECK(close(2024, 12, 24) == one_pm);
  CHECK(close(2025, 12, 24) == one_pm);
  CHECK_FALSE(close(2021, 12, 24));  // Friday: the observed Christmas holiday, closed
  // Ad hoc Friday-after-Christmas closes.
  CHECK(close(1997, 12, 26) == one_pm);
  CHECK(close(2003, 12, 26) == one_pm);
  CHECK_FALSE(close(2008, 12, 26));
  // Independence Day: Mon/Tue/Thu 3rd since 1995; Friday 5th 1996-2012; Wednesday 3rd since 2013.
  CHECK_FALSE(close(1994, 7, 1));
  CHECK(close(1995, 7, 3) == one_pm);
  CHECK(close(2007, 7, 3) == one_pm);
  CHECK(close(2025, 7, 3) == one_pm);
  CHECK(close(2002, 7, 5) == one_pm);
  CHECK_FALSE(close(2002, 7, 3));
  CHECK(close(2013, 7, 3) == one_pm);
  CHECK(close(2024, 7, 3) == one_pm);
  CHECK_FALSE(close(2019, 7, 5));
  CHECK_FALSE(close(2026, 7, 2));  // July 4th 2026 is a Saturday: Friday 3rd closed, no early close
  CHECK_FALSE(close(2020, 7, 2));
  // Ordinary days and closed days.
  CHECK_FALSE(close(2024, 7, 5));
  CHECK_FALSE(close(2024, 12, 25));
  CHECK(cal.is_early_close(make_date(2024, 11, 29)));
  CHECK(cal.close_minutes(make_date(2024, 11, 29)) == one_pm);
  CHECK(cal.close_minutes(make_date(2024, 11, 27)) == 16 * 60);
}

TEST_CASE("NyseCalendar counts the documented number of early closes per year") {
  const alvh::NyseCalendar cal;
  auto count = [&](int y) {
    int n = 0;
    for (Date d = make_date(y, 1, 1); d <= make_date(y, 12, 31); d = alvh::add_days(d, 1)) {
      n += cal.is_early_close(d) ? 1 : 0;
    }
    return n;
  };
  CHECK(count(1991) == 1);  // 12-24
  CHECK(count(2019) == 3);  // 07-03, 11-29, 12-24
  CHECK(count(2021) == 1);  // 11-26 only (07-03 Saturday, 12-24 holiday)
  CHECK(count(2024) == 3);  // 07-03, 11-29, 12-24
  CHECK(count(2026) == 2);  // 11-27, 12-24
}

TEST_CASE("NyseCalendar rejects dates outside QuantLib's range") {
  const alvh::NyseCalendar cal;
  CHECK_THROWS_AS(cal.is_trading_day(make_date(1900, 12, 31)), std::out_of_range);
  CHECK_THROWS_AS(cal.is_trading_day(make_date(2200, 1, 1)), std::out_of_range);
  CHECK(cal.is_trading_day(make_date(2199, 12, 30)));
}

TEST_CASE("the core expiry rules on NyseCalendar give the VIX and SPXW dates the data and Cboe list") {
  const alvh::NyseCalendar cal;
  CHECK(to_iso(alvh::vix_expiry(std::chrono::year{2019} / std::chrono::March, cal)) == "2019-03-19");
  CHECK(to_iso(alvh::vix_expiry(std::chrono::year{2027} / std::chrono::May, cal)) == "2027-05-18");  // Juneteenth
  CHECK(alvh::is_spxw_expiry(make_date(2018, 12, 4), cal));
  CHECK(alvh::is_spxw_expiry(make_date(2016, 9, 6), cal));
  CHECK(alvh::is_spxw_expiry(make_date(2026, 6, 18), cal));  // Juneteenth Friday 2026-06-19
}
