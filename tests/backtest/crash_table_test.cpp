#include <catch2/catch.hpp>

#include <vector>

#include "alvh/backtest/crash_table.hpp"
#include "alvh/venue/fill_model.hpp"
#include "alvh/backtest/ledger.hpp"
#include "alvh/venue/option_model.hpp"
#include "../support/closed_form_pricer.hpp"

using namespace alvh;
using namespace alvh::backtest;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

OhlcSeries spx_from(const std::vector<std::pair<Date, double>>& closes) {
  OhlcSeries s;
  for (const auto& [d, c] : closes) s.bars.push_back({d, c, c, c, c});
  return s;
}

}  // namespace

TEST_CASE("drop days are closes at least 3% below the previous close, named by the move", "[backtest][crash]") {
  const OhlcSeries spx = spx_from({{make_date(2024, 8, 1), 5446.68}, {make_date(2024, 8, 2), 5346.56},
                                   {make_date(2024, 8, 5), 5180.00}, {make_date(2024, 8, 6), 5240.03},
                                   {make_date(2024, 8, 7), 5000.00}});
  const auto drops = spx_drop_days(spx, -0.03, make_date(2024, 1, 1), make_date(2024, 12, 31));
  REQUIRE(drops.size() == 2);
  CHECK(drops[0].first == make_date(2024, 8, 5));
  CHECK(drops[0].name == "SPX -3.1%");
  CHECK(drops[1].name == "SPX -4.6%");
  const auto merged = merge_crash_days(default_named_crash_days(), drops);
  const auto it = std::find_if(merged.begin(), merged.end(), [](const CrashEvent& e) { return e.first == make_date(2024, 8, 5); });
  REQUIRE(it != merged.end());
  CHECK(it->name == "Yen carry unwind");
  CHECK(std::count_if(merged.begin(), merged.end(), [](const CrashEvent& e) { return e.first == make_date(2024, 8, 5); }) == 1);
  CHECK(std::is_sorted(merged.begin(), merged.end(), [](const CrashEvent& a, const CrashEvent& b) { return a.first < b.first; }));
}

TEST_CASE("the recovery ratio is hedge gain over condor loss, and undefined without a loss", "[backtest][crash]") {
  CHECK_THAT(*recovery_ratio(958.0, -2395.0), WithinRel(0.4, 1e-12));
  CHECK_FALSE(recovery_ratio(500.0, 105.0));
  CHECK_FALSE(recovery_ratio(500.0, 0.0));
  const std::vector<Date> dates{make_date(2020, 3, 9), make_date(2020, 3, 12), make_date(2020, 3, 16), make_date(2020, 3, 17)};
  const std::vector<double> condor{-2000, -2400, -2400, 100};
  const std::vector<double> hedge{500, 1200, 600, -300};
  const std::vector<CrashEvent> events{{"window", make_date(2020, 3, 1), make_date(2020, 3, 16)},
                                       {"one day", make_date(2020, 3, 17), make_date(2020, 3, 17)},
                                       {"absent", make_date(2021, 1, 4), make_date(2021, 1, 4)}};
  const auto rows = crash_rows(events, "v", dates, condor, hedge);
  REQUIRE(rows.size() == 2);
  CHECK_THAT(rows[0].condor_pnl, WithinAbs(-6800, 1e-9));
  CHECK_THAT(rows[0].hedge_pnl, WithinAbs(2300, 1e-9));
  CHECK_THAT(*rows[0].recovery_ratio, WithinRel(2300.0 / 6800.0, 1e-12));
  CHECK_FALSE(rows[1].recovery_ratio);
  const RecoverySummary s = summarize_recovery(rows);
  CHECK(s.events == 1);
  CHECK_THAT(*s.loss_weighted, WithinRel(2300.0 / 6800.0, 1e-12));
}

TEST_CASE("a crash day counts for recovery only when a condor held from the previous close lost money", "[backtest][crash]") {
  // 2010-05-06 style: no condor settled, the day's only condor loss is the new condor's $50 of costs.
  const std::vector<Date> dates{make_date(2010, 5, 6), make_date(2018, 2, 5), make_date(2020, 3, 16)};
  const std::vector<double> condor{-50, -2450, -2380};
  const std::vector<double> held{0, -2400, -2330};
  const std::vector<double> hedge{2935, 1200, 0};
  const std::vector<CrashEvent> events{{"Flash crash", dates[0], dates[0]},
                                       {"Volmageddon", dates[1], dates[1]},
                                       {"COVID circuit breaker", dates[2], dates[2]}};
  const auto rows = crash_rows(events, "v", dates, condor, hedge, held);
  REQUIRE(rows.size() == 3);
  INFO(rows[0].note);
  CHECK_FALSE(rows[0].counted);
  CHECK_FALSE(rows[0].recovery_ratio);  // not 58.7
  CHECK_THAT(rows[0].note, Catch::Matchers::Contains("new condor's costs"));
  CHECK(rows[1].counted);
  CHECK_THAT(*rows[1].recovery_ratio, WithinRel(1200.0 / 2400.0, 1e-12));  // against the held condor's loss
  CHECK(rows[2].counted);
  CHECK_THAT(*rows[2].recovery_ratio, WithinAbs(0.0, 1e-12));
  const RecoverySummary s = summarize_recovery(rows);
  CAPTURE(s.events, s.rows);
  CHECK(s.rows == 3);
  CHECK(s.events == 2);
  CHECK_THAT(*s.median, WithinRel(0.25, 1e-12));
  CHECK_THAT(*s.min, WithinAbs(0.0, 1e-12));
  CHECK_THAT(*s.max, WithinRel(0.5, 1e-12));
  CHECK_THAT(*s.loss_weighted, WithinRel(1200.0 / (2400.0 + 2330.0), 1e-12));
  CHECK_THAT(s.condor_loss, WithinRel(4730.0, 1e-12));
}

TEST_CASE("gap days and VIX jump days join the event set at their thresholds", "[backtest][crash]") {
  OhlcSeries spx, vix;
  const Date d0 = make_date(2024, 8, 2), d1 = make_date(2024, 8, 5), d2 = make_date(2024, 8, 6);
  spx.bars = {{d0, 5400, 5400, 5300, 5346.56}, {d1, 5151.14, 5250, 5119, 5186.33}, {d2, 5206, 5312, 5193, 5240.03}};
  vix.bars = {{d0, 18, 29, 18, 23.39}, {d1, 23.39, 65.73, 23, 38.57}, {d2, 38, 38, 26, 27.71}};
  const Date from = make_date(2024, 1, 1), to = make_date(2024, 12, 31);
  const auto gaps = spx_gap_days(spx, -0.02, from, to);
  REQUIRE(gaps.size() == 1);
  CHECK(gaps[0].first == d1);
  CHECK(gaps[0].name == "SPX gap -3.7%");
  CHECK(spx_gap_days(spx, -0.04, from, to).empty());
  const auto jumps = vix_jump_days(vix, 0.40, from, to);
  REQUIRE(jumps.size() == 1);
  CHECK(jumps[0].first == d1);
  CHECK(jumps[0].name == "VIX +65%");
  CHECK(vix_jump_days(vix, 0.70, from, to).empty());
}

TEST_CASE("on a synthetic gap-and-crash day the VIX-call hedge recovers part of the condor loss", "[backtest][crash]") {
  // Day 0: SPX 5000, VIX 15, VVIX 90, VX curve 16/17. Day 1: SPX -6% to 4700, VIX 30, curve 24/21.
  test::ClosedFormPricer pricer;
  venue::OptionModel model(pricer);
  venue::FillModel fills;
  Ledger ledger(100000);
  const Date d0 = make_date(2024, 3, 14), d1 = make_date(2024, 3, 15);
  const Date vx1 = make_date(2024, 4, 17), vx2 = make_date(2024, 5, 22);
  auto make_curve = [&](Date d, double f1, double f2) {
    VxCurveRow r;
    r.date = d;
    r.expiry[0] = vx1;
    r.settle[0] = f1;
    r.expiry[1] = vx2;
    r.settle[1] = f2;
    return r;
  };
  const VxCurveRow c0 = make_curve(d0, 16.0, 17.0), c1 = make_curve(d1, 24.0, 21.0);
  auto make_day = [&](Date d, double spx, double vix, const VxCurveRow& c) {
    venue::MarketDay day;
    day.date = d;
    day.spx_close = spx;
    day.vix_open = day.vix_close = vix;
    day.vols.date = d;
    day.vols.close[static_cast<std::size_t>(VolIndex::VIX)] = vix;
    day.vols.close[static_cast<std::size_t>(VolIndex::VVIX)] = 90.0;
    day.curve = &c;
    return day;
  };
  const venue::MarketDay day0 = make_day(d0, 5000, 15, c0), day1 = make_day(d1, 4700, 30, c1);

  // 1DTE condor 4900/4925 - 5075/5100 and two 18-strike April VIX calls, all at model mids.
  const std::vector<Instrument> legs{spxw_option(d1, 4900, OptionType::Put), spxw_option(d1, 4925, OptionType::Put),
                                     spxw_option(d1, 5075, OptionType::Call), spxw_option(d1, 5100, OptionType::Call)};
  const std::vector<int> ratio{+1, -1, -1, +1};
  std::vector<venue::LegOrder> order;
  for (std::size_t i = 0; i < legs.size(); ++i)
    order.push_back({legs[i], ratio[i], model.quote(legs[i], day0, 945)->quote.mid()});
  const venue::ComboFill ic = fills.fill(order, 1);
  CAPTURE(ic.net_mid, ic.net_price);
  REQUIRE(ic.net_price < 0);
  ledger.apply(d0, 945, Book::condor, "IC", "condor", "open", ic);
  const Instrument call = vix_option(vx1, 18, OptionType::Call);
  const venue::LegOrder hedge{call, +1, model.quote(call, day0, 960)->quote.mid()};
  ledger.apply(d0, 960, Book::hedge, "H", "front", "open", fills.fill(std::span(&hedge, 1), 2));
  auto mark = [&](const venue::MarketDay& day) {
    ledger.mark_all([&](const Instrument& i) -> std::optional<double> {
      auto q = model.quote(i, day, 960);
      return q ? std::optional<double>(q->quote.mid()) : std::nullopt;
    });
  };
  mark(day0);
  const double condor0 = ledger.book_pnl(Book::condor), hedge0 = ledger.book_pnl(Book::hedge);

  const double settle = model.settlement(legs[0], day1)->value;
  for (std::size_t i = 0; i < legs.size(); ++i) ledger.settle(d1, 960, "IC", fills.settle(legs[i], ratio[i], settle));
  mark(day1);
  const double condor_day = ledger.book_pnl(Book::condor) - condor0;
  const double hedge_day = ledger.book_pnl(Book::hedge) - hedge0;
  const double call0 = model.quote(call, day0, 960)->quote.mid(), call1 = model.quote(call, day1, 960)->quote.mid();
  CAPTURE(condor_day, hedge_day, call0, call1);
  // The put spread settles through the wing: the day's condor loss is the spread width less the mark.
  CHECK(condor_day < -2000);
  CHECK_THAT(hedge_day, WithinAbs(2 * 100 * (call1 - call0), 1e-6));
  const auto hrr = recovery_ratio(hedge_day, condor_day);
  REQUIRE(hrr);
  CHECK(*hrr > 0.2);
  CHECK(*hrr < 2.0);
}
