// Readers of real option-quote layouts, on small hand-written files with synthetic numbers
// (tests/fixtures/quotes).
#include <catch2/catch.hpp>

#include <string>

#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quotes/quote_reader.hpp"

using namespace alvh;
using namespace alvh::quotes;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

std::string fixture(const std::string& name) { return std::string(ALVH_TEST_FIXTURES_DIR) + "/quotes/" + name; }

const OptionQuoteRow* find(const QuoteSession& s, Date expiry, double strike, OptionType right) {
  for (const auto& r : s.rows)
    if (r.expiry == expiry && r.strike == strike && r.right == right) return &r;
  return nullptr;
}

std::string error_of(const std::string& name) {
  const NyseCalendar cal;
  try {
    read_quote_file(fixture(name), cal);
  } catch (const QuoteError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a Cboe delayed csv downloaded after the close holds that session's closing quotes") {
  const NyseCalendar cal;
  const auto sessions = read_quote_file(fixture("cboe_csv/2023-05-23_spx.csv"), cal);
  REQUIRE(sessions.size() == 1);
  const auto& s = sessions[0];
  CHECK(s.layout == "cboe_delayed_csv");
  CHECK(s.underlying == QuoteUnderlying::spx);
  CHECK(s.date == make_date(2023, 5, 23));
  CHECK(s.closing);
  CHECK(s.minutes == 16 * 60 + 15);
  CHECK(s.index_date == make_date(2023, 5, 23));
  CHECK(s.label() == "2023-05-23 close");
  const auto* put = find(s, make_date(2023, 5, 24), 4110, OptionType::Put);
  REQUIRE(put != nullptr);
  CHECK(put->root == "SPXW");
  CHECK(put->bid == 14.20);
  CHECK(put->ask == 14.60);
  CHECK(put->line == 8);
  const auto* monthly = find(s, make_date(2023, 6, 16), 4100, OptionType::Call);
  REQUIRE(monthly != nullptr);
  CHECK(monthly->root == "SPX");  // AM-settled monthly, kept with its own root
}

TEST_CASE("the forward of an expiry comes from put-call parity at the strikes nearest the money") {
  const NyseCalendar cal;
  const auto s = read_quote_file(fixture("cboe_csv/2023-05-23_spx.csv"), cal)[0];
  const auto f = parity_forward(s, make_date(2023, 5, 24));
  REQUIRE(f);
  // K + C - P at 4090 (4100.2), 4100 (4100.2), 4110 (4100.2): 4100.2 on every strike.
  CHECK_THAT(*f, WithinAbs(4100.2, 1e-9));
  CHECK_FALSE(parity_forward(s, make_date(2023, 5, 23)));  // expired: zero bid/ask
}

TEST_CASE("an intraday download with a Spanish stamp is a 15-minute delayed snapshot using the previous close") {
  const NyseCalendar cal;
  const auto s = read_quote_file(fixture("cboe_csv/2022-03-23T1011_intraday.csv"), cal)[0];
  CHECK(s.date == make_date(2022, 3, 23));
  CHECK_FALSE(s.closing);
  CHECK(s.minutes == 9 * 60 + 56);
  CHECK(s.index_date == make_date(2022, 3, 22));
  CHECK(s.label() == "2022-03-23 09:56");
}

TEST_CASE("an old .dat download made the next morning holds the closing quotes of the chain it still lists") {
  const NyseCalendar cal;
  const auto s = read_quote_file(fixture("cboe_dat/2019-05-10_spx.dat"), cal)[0];
  CHECK(s.layout == "cboe_delayed_dat");
  CHECK(s.date == make_date(2019, 5, 10));
  CHECK(s.closing);
  CHECK(s.rows.size() == 4);
  const auto* call = find(s, make_date(2019, 5, 13), 2880, OptionType::Call);
  REQUIRE(call != nullptr);
  CHECK(call->bid == 12.00);
}

TEST_CASE("DataShop EOD summary rows give the closing bid and ask of each VIX option") {
  const NyseCalendar cal;
  const auto sessions = read_quote_file(fixture("datashop/2016-06-01_vix.csv"), cal);
  REQUIRE(sessions.size() == 1);
  const auto& s = sessions[0];
  CHECK(s.layout == "cboe_datashop_eod");
  CHECK(s.underlying == QuoteUnderlying::vix);
  CHECK(s.date == make_date(2016, 6, 1));
  REQUIRE(s.rows.size() == 3);  // the expired same-day row is kept out of the later fits by its tenor
  const auto* call = find(s, make_date(2016, 6, 15), 15, OptionType::Call);
  REQUIRE(call != nullptr);
  CHECK(call->bid == 1.05);  // bid_eod, not bid_1545
  CHECK(call->ask == 1.15);
}

TEST_CASE("the vendor EOD layout (BOM, a leading space in a name) gives one session per quote date") {
  const NyseCalendar cal;
  const auto sessions = read_quote_file(fixture("vendor/2018-01_spxw.csv"), cal);
  REQUIRE(sessions.size() == 2);
  CHECK(sessions[0].layout == "vendor_eod");
  CHECK(sessions[0].date == make_date(2018, 1, 2));
  CHECK(sessions[0].rows.size() == 2);
  CHECK(sessions[1].date == make_date(2018, 1, 3));
  const auto f = parity_forward(sessions[0], make_date(2018, 1, 31));
  REQUIRE(f);
  CHECK_THAT(*f, WithinAbs(2700 + 21.5 - 24.5, 1e-9));
}

TEST_CASE("an implied-vol surface is dated by its expiries and Texp and carries its forwards") {
  const NyseCalendar cal;
  const auto s = read_quote_file(fixture("iv/2019-12-20_vix_iv.csv"), cal)[0];
  CHECK(s.layout == "iv_surface");
  CHECK(s.kind == QuoteKind::black_vol);
  CHECK(s.underlying == QuoteUnderlying::vix);
  CHECK(s.date == make_date(2019, 12, 20));
  REQUIRE(s.rows.size() == 3);
  CHECK(s.rows[0].bid == 0);  // NA: no bid
  CHECK(s.rows[0].right == OptionType::Put);   // 10 < forward 12.94: the put's vol
  CHECK(s.rows[1].right == OptionType::Call);  // 13 >= forward
  REQUIRE(parity_forward(s, make_date(2020, 1, 22)));
  CHECK(*parity_forward(s, make_date(2020, 1, 22)) == 14.5);
}

TEST_CASE("a directory read finds every layout and orders the sessions in time") {
  const NyseCalendar cal;
  const auto all = read_quote_dir(fixture("cboe_csv"), cal);
  REQUIRE(all.size() == 2);
  CHECK(all[0].date == make_date(2022, 3, 23));
  CHECK(all[1].date == make_date(2023, 5, 23));
}

TEST_CASE("download stamps in several languages and formats are read as New York wall-clock time") {
  struct Case {
    std::string text;
    Date date;
    int minutes;
  };
  const std::vector<Case> cases{
      {"Date: January 9, 2022, 3:11 AM EST", make_date(2022, 1, 9), 3 * 60 + 11},
      {"Date: 10 April 2023, 20:51 UTC\xe2\x88\x92" "4", make_date(2023, 4, 10), 20 * 60 + 51},
      {"Date: 9 \xd0\xb4\xd0\xb5\xd0\xba\xd0\xb0\xd0\xb1\xd1\x80\xd1\x8f 2023 \xd0\xb3. \xd0\xb2 13:49 GMT-5", make_date(2023, 12, 9), 13 * 60 + 49},
      {"May 13 2019 @ 04:47 ET", make_date(2019, 5, 13), 4 * 60 + 47},
      {"Date: 8 June 2023 7:56 PM EDT", make_date(2023, 6, 8), 19 * 60 + 56},
      {"Date: 15 May 2023, 12:05 PM EDT", make_date(2023, 5, 15), 12 * 60 + 5},
      {"Date: 15 mai 2023, 18:05 GMT+2", make_date(2023, 5, 15), 12 * 60 + 5},  // Paris: 6 hours ahead
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const WallClock w = parse_download_stamp(c.text, "test");
    CHECK(w.date == c.date);
    CHECK(w.minutes == c.minutes);
  }
}

TEST_CASE("bad quote files are errors naming file, line and column") {
  CHECK_THAT(error_of("bad/bad_number.csv"), Contains("bad_number.csv:4: Ask (calls): 'abc' is not a number"));
  CHECK_THAT(error_of("bad/bad_id.csv"), Contains("bad_id.csv:4: Calls: 'SPXW2305' is not an OCC option id"));
  CHECK_THAT(error_of("bad/no_stamp.csv"), Contains("no_stamp.csv:2: no download stamp"));
  CHECK_THAT(error_of("bad/unknown_layout.csv"), Contains("unknown_layout.csv:1: not a known option-quote layout"));
  CHECK_THAT(error_of("bad/vendor_bad_date.csv"), Contains("vendor_bad_date.csv:2: quotedate: '2018-01-02' is not a date (mm/dd/yyyy)"));
  CHECK_THAT(error_of("missing.csv"), Contains("missing.csv: cannot open"));
}
