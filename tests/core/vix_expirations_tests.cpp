#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "alvh/core/vix_expirations.hpp"
#include "support/data_calendar.hpp"

using alvh::Date;
using alvh::make_date;
using alvh::to_iso;
using std::chrono::year_month;

namespace {

const alvh::ExchangeCalendar& cal() { return alvh::test::data_calendar(); }

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  return out;
}

year_month month_of(Date d) { return d.year() / d.month(); }

// Every distinct VX1..VX8 expiry date of data/vx_futures_m1_m8_settle.csv.
std::set<Date> curve_expiries() {
  std::ifstream in(std::string(ALVH_TEST_DATA_DIR) + "/vx_futures_m1_m8_settle.csv");
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv(line);
  std::vector<std::size_t> cols;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].size() > 7 && header[i].compare(header[i].size() - 7, 7, "_expiry") == 0) cols.push_back(i);
  }
  REQUIRE(cols.size() == 8);
  std::set<Date> out;
  while (std::getline(in, line)) {
    const auto cells = split_csv(line);
    for (auto c : cols) {
      if (c < cells.size() && !cells[c].empty()) {
        const auto d = alvh::parse_iso_date(cells[c]);
        INFO(line);
        REQUIRE(d);
        out.insert(*d);
      }
    }
  }
  return out;
}

// contract month (from the CFE code, e.g. "G05" = Feb 2005) -> expiry of data/vx_contracts_daily.csv.
std::map<year_month, Date> contract_expiries() {
  std::ifstream in(std::string(ALVH_TEST_DATA_DIR) + "/vx_contracts_daily.csv");
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv(line);
  REQUIRE(header.at(1) == "contract");
  REQUIRE(header.at(3) == "expiry");
  const std::string codes = "FGHJKMNQUVXZ";
  std::map<year_month, Date> out;
  while (std::getline(in, line)) {
    const auto cells = split_csv(line);
    const std::string& code = cells.at(1);
    INFO(line);
    REQUIRE(code.size() == 3);
    const auto m = codes.find(code[0]);
    REQUIRE(m != std::string::npos);
    const year_month ym{std::chrono::year{2000 + std::stoi(code.substr(1))},
                        std::chrono::month{static_cast<unsigned>(m + 1)}};
    const auto e = alvh::parse_iso_date(cells.at(3));
    REQUIRE(e);
    const auto [it, inserted] = out.emplace(ym, *e);
    CHECK(it->second == *e);  // one expiry per contract
  }
  return out;
}

}  // namespace

TEST_CASE("the March 2019 VIX expiry moves to Tuesday because the April third Friday was Good Friday") {
  CHECK(to_iso(alvh::vix_expiry(std::chrono::year{2019} / std::chrono::March, cal())) == "2019-03-19");
  CHECK(to_iso(alvh::vix_expiry(std::chrono::year{2019} / std::chrono::April, cal())) == "2019-04-17");
}

TEST_CASE("vix_expiry matches every distinct VX1..VX8 expiry of the futures curve file") {
  const auto expiries = curve_expiries();
  CAPTURE(expiries.size());
  REQUIRE(expiries.size() > 200);
  for (const Date e : expiries) {
    INFO("data expiry " << to_iso(e));
    CHECK(to_iso(alvh::vix_expiry(month_of(e), cal())) == to_iso(e));
  }
  // And no month is missing between the first and the last listed expiry.
  const auto computed = alvh::vix_expiries(*expiries.begin(), *expiries.rbegin(), cal());
  CHECK(computed.size() == expiries.size());
}

TEST_CASE("vix_expiry matches the expiry of every contract of the per-contract VX file") {
  const auto expiries = contract_expiries();
  CAPTURE(expiries.size());
  REQUIRE(expiries.size() > 100);
  for (const auto& [month, e] : expiries) {
    INFO("contract " << static_cast<int>(month.year()) << "-" << static_cast<unsigned>(month.month())
                     << " data expiry " << to_iso(e));
    CHECK(to_iso(alvh::vix_expiry(month, cal())) == to_iso(e));
  }
}

TEST_CASE("vix_expiries lists the monthly expiries inside a date range") {
  const auto y2019 = alvh::vix_expiries(make_date(2019, 1, 1), make_date(2019, 12, 31), cal());
  std::vector<std::string> got;
  for (auto d : y2019) got.push_back(to_iso(d));
  CHECK(got == std::vector<std::string>{"2019-01-16", "2019-02-13", "2019-03-19", "2019-04-17", "2019-05-22",
                                        "2019-06-19", "2019-07-17", "2019-08-21", "2019-09-18", "2019-10-16",
                                        "2019-11-20", "2019-12-18"});
  CHECK(alvh::vix_expiries(make_date(2019, 1, 17), make_date(2019, 2, 12), cal()).empty());
}

TEST_CASE("the expiry nearest a target DTE is the closest listed one, ties going to the longer") {
  const Date today = make_date(2019, 1, 2);
  // Expiries 2019-01-16 (14 days) and 2019-02-13 (42 days).
  CHECK(to_iso(alvh::vix_expiry_nearest_dte(today, 20, cal())) == "2019-01-16");
  CHECK(to_iso(alvh::vix_expiry_nearest_dte(today, 30, cal())) == "2019-02-13");
  CHECK(to_iso(alvh::vix_expiry_nearest_dte(today, 28, cal())) == "2019-02-13");  // tie: 14 either way
  CHECK(to_iso(alvh::vix_expiry_nearest_dte(today, 27, cal())) == "2019-01-16");
  CHECK(to_iso(alvh::vix_expiry_nearest_dte(today, 0, cal())) == "2019-01-16");
  // The expiry day itself is no longer tradable: the next month is the nearest listed.
  CHECK(to_iso(alvh::vix_expiry_nearest_dte(make_date(2019, 1, 16), 1, cal())) == "2019-02-13");
  CHECK(to_iso(alvh::vix_expiry_nearest_dte(today, 220, cal())) == "2019-08-21");
}
