#include <catch2/catch.hpp>

#include <cmath>

#include "alvh/venue/option_model.hpp"
#include "alvh/venue/year_fraction.hpp"
#include "../support/closed_form_pricer.hpp"

using namespace alvh;
using namespace alvh::venue;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

VolIndexRow vol_row(Date d, Value vix1d, Value vix9d, Value vix, Value vvix = std::nullopt) {
  VolIndexRow r;
  r.date = d;
  r.close[static_cast<std::size_t>(VolIndex::VIX1D)] = vix1d;
  r.close[static_cast<std::size_t>(VolIndex::VIX9D)] = vix9d;
  r.close[static_cast<std::size_t>(VolIndex::VIX)] = vix;
  r.close[static_cast<std::size_t>(VolIndex::VVIX)] = vvix;
  return r;
}

VxCurveRow curve(Date d, std::initializer_list<std::pair<Date, double>> points) {
  VxCurveRow row;
  row.date = d;
  std::size_t i = 0;
  for (const auto& [expiry, settle] : points) {
    row.expiry[i] = expiry;
    row.settle[i] = settle;
    row.days_to_expiry[i] = days_between(d, expiry);
    ++i;
  }
  return row;
}

}  // namespace

TEST_CASE("a 1DTE entry at 15:45 is one day and fifteen minutes in ACT/365, weekends included", "[backtest][model]") {
  const Date thu = make_date(2024, 3, 14), fri = make_date(2024, 3, 15), mon = make_date(2024, 3, 18);
  CHECK_THAT(act365_years(thu, hhmm(15, 45), fri, hhmm(16, 0)), WithinRel(1455.0 / 525600.0, 1e-12));
  CHECK_THAT(act365_years(fri, hhmm(15, 45), mon, hhmm(16, 0)), WithinRel((3 * 1440.0 + 15.0) / 525600.0, 1e-12));
}

TEST_CASE("the SPXW ATM vol comes from VIX1D only after its launch, else VIX9D, else VIX", "[backtest][model]") {
  test::ClosedFormPricer pricer;
  SpxwOptionModel model(pricer);
  // VIX1D back-filled before 2023-04-24 is not used.
  auto before = model.atm_vol(vol_row(make_date(2023, 4, 21), 11.0, 12.0, 13.0), 13.0);
  REQUIRE(before);
  CHECK(before->source == AtmVolSource::vix9d);
  CHECK_THAT(before->vol, WithinAbs(0.12, 1e-12));
  auto after = model.atm_vol(vol_row(make_date(2023, 4, 24), 11.0, 12.0, 13.0), 13.0);
  REQUIRE(after);
  CHECK(after->source == AtmVolSource::vix1d);
  auto old = model.atm_vol(vol_row(make_date(2008, 10, 15), std::nullopt, std::nullopt, 69.25), 69.25);
  REQUIRE(old);
  CHECK(old->source == AtmVolSource::vix);
  CHECK_THAT(old->vol, WithinAbs(0.6925, 1e-12));
  CHECK_FALSE(model.atm_vol(vol_row(make_date(2008, 10, 15), std::nullopt, std::nullopt, std::nullopt), std::nullopt));
}

TEST_CASE("the SPXW ATM level is the index times its ratio, interpolated in total variance on the clock") {
  test::ClosedFormPricer pricer;
  SpxwModelParams p;
  p.clock = {0.2, 0.1, 0.3};
  p.ratio_vix9d = 0.8;
  p.ratio_vix = 0.9;
  SpxwOptionModel model(pricer, p);
  const Date d = make_date(2022, 1, 5);  // a Wednesday, before VIX1D
  VolIndexRow row = vol_row(d, std::nullopt, 16.0, 20.0);
  const auto s = model.slice(row, 20.0, d, hhmm(16, 0), make_date(2022, 1, 6), hhmm(16, 0));
  REQUIRE(s);
  const double u9 = model.clock().units(d, hhmm(16, 0), add_days(d, 9), hhmm(16, 0));
  const double w9 = std::pow(0.8 * 0.16, 2) * 9.0 / 365.0;
  CAPTURE(u9, w9);
  CHECK(s->source == AtmVolSource::vix9d);
  CHECK_THAT(s->units, WithinAbs(1.0, 1e-12));
  CHECK_THAT(s->atm_total_var, WithinRel(w9 / u9, 1e-12));  // below the first anchor: flat per unit
  // Between VIX9D and VIX: linear in total variance against clock units.
  const Date e = add_days(d, 20);
  const auto m = model.slice(row, 20.0, d, hhmm(16, 0), e, hhmm(16, 0));
  REQUIRE(m);
  const double u30 = model.clock().units(d, hhmm(16, 0), add_days(d, 30), hhmm(16, 0));
  const double w30 = std::pow(0.9 * 0.20, 2) * 30.0 / 365.0;
  CHECK_THAT(m->atm_total_var, WithinRel(w9 + (m->units - u9) / (u30 - u9) * (w30 - w9), 1e-12));
}

TEST_CASE("VIX1D is one session's variance, also across a weekend") {
  test::ClosedFormPricer pricer;
  SpxwModelParams p;
  p.clock = {0.2, 0.05, 0.3};
  p.ratio_vix1d = 1.1;
  SpxwOptionModel model(pricer, p);
  const Date fri = make_date(2023, 8, 18);
  const auto s = model.slice(vol_row(fri, 16.0, 17.0, 18.0), 18.0, fri, hhmm(16, 0), make_date(2023, 8, 21), hhmm(16, 0));
  REQUIRE(s);
  CHECK(s->source == AtmVolSource::vix1d);
  CHECK_THAT(s->units, WithinAbs(1.1, 1e-12));
  CHECK_THAT(s->atm_total_var, WithinRel(std::pow(1.1 * 0.16, 2) / 365.0, 1e-12));
  // Quoted (ACT/365) vol over the three calendar days: a third of the variance rate.
  CHECK_THAT(model.vol_cal(*s, 4400, 4400), WithinRel(1.1 * 0.16 / std::sqrt(3.0), 1e-9));
}

TEST_CASE("the SPXW smile is asymmetric in standardized moneyness and may scale with SKEW") {
  test::ClosedFormPricer pricer;
  SpxwModelParams p;
  p.smile.slope = -0.1;
  p.smile.put_curve = 0.05;
  p.smile.call_curve = 0.01;
  SpxwOptionModel model(pricer, p);
  SpxwSlice s;
  s.units = 1;
  s.years_var = 1.0 / 252;
  s.years_cal = 1.0 / 365;
  s.atm_total_var = 0.01 * 0.01;  // 1% one-day move
  const double f = 4000;
  CHECK_THAT(model.smile_factor(s, f, f * std::exp(-0.02)), WithinRel(1 + 0.2 + 0.05 * 4, 1e-9));  // z = -2
  CHECK_THAT(model.smile_factor(s, f, f * std::exp(0.02)), WithinRel(1 - 0.2 + 0.01 * 4, 1e-9));   // z = +2
  CHECK_THAT(model.smile_factor(s, f, f * std::exp(-0.5)), WithinRel(p.smile.cap, 1e-12));
  s.smile_scale = 2.0;
  CHECK_THAT(model.smile_factor(s, f, f * std::exp(-0.02)), WithinRel(1 + 2 * (0.2 + 0.05 * 4), 1e-9));

  SpxwModelParams q = p;
  q.smile.skew_index_scaling = true;
  q.smile.skew_reference = 130;
  SpxwOptionModel scaled(pricer, q);
  VolIndexRow row = vol_row(make_date(2022, 1, 5), std::nullopt, 16.0, 20.0);
  row.close[static_cast<std::size_t>(VolIndex::SKEW)] = 145.0;
  const auto sl = scaled.slice(row, 20.0, row.date, hhmm(16, 0), make_date(2022, 1, 6), hhmm(16, 0));
  REQUIRE(sl);
  CHECK_THAT(sl->smile_scale, WithinRel(45.0 / 30.0, 1e-12));
}

TEST_CASE("the VIX option vol follows VVIX over the term and falls back to 86 before 2007", "[backtest][model]") {
  test::ClosedFormPricer pricer;
  VixModelParams p;
  p.vvix_ratio = 0.9;
  p.term_exponent = 0.2;
  p.smile_up = 0.7;
  p.smile_down = 0.5;
  p.smile_term_exponent = 0.3;
  VixOptionModel model(pricer, p);
  const Date d = make_date(2015, 6, 1);
  CHECK_THAT(model.atm_vol(100.0, d, 30).vol, WithinRel(0.9, 1e-12));
  CHECK_THAT(model.atm_vol(100.0, d, 110).vol, WithinRel(0.9 * std::pow(30.0 / 110.0, 0.2), 1e-12));
  CHECK(model.atm_vol(100.0, d, 110).source == VvixSource::vvix);
  const VixVol early = model.atm_vol(120.0, make_date(2006, 6, 1), 30);
  CHECK(early.source == VvixSource::fallback);
  CHECK_THAT(early.vol, WithinRel(0.9 * 0.86, 1e-12));
  CHECK(model.atm_vol(std::nullopt, d, 30).source == VvixSource::fallback);
  CHECK_THAT(model.atm_vol(300.0, d, 1).vol, WithinRel(2.50, 1e-12));  // cap
  CHECK_THAT(model.atm_vol(40.0, d, 400).vol, WithinRel(0.30, 1e-12));  // floor
  // Smile: slopes on each side of F, steeper for short tenors.
  CHECK_THAT(model.smile_vol(0.8, 20.0, 22.0, 30), WithinRel(0.8 * (1 + 0.7 * std::log(1.1)), 1e-12));
  CHECK_THAT(model.smile_vol(0.8, 20.0, 18.0, 30), WithinRel(0.8 * (1 + 0.5 * std::log(0.9)), 1e-12));
  CHECK_THAT(model.smile_vol(0.8, 20.0, 22.0, 120),
             WithinRel(0.8 * (1 + 0.7 * std::pow(30.0 / 120.0, 0.3) * std::log(1.1)), 1e-12));
}

TEST_CASE("quote widths grow with price and tenor, never below one tick, and the mid is never below one tick") {
  const SpreadParams p{0.12, 0.05, 0.3, 0.9};
  CHECK_THAT(quote_width(4.0, 30, p), WithinAbs(0.12 + 0.05 * 2.0, 1e-12));
  CHECK_THAT(quote_width(4.0, 1, p), WithinAbs(0.12 * std::pow(1.0 / 30, 0.3) + 0.1, 1e-12));
  const SpreadParams narrow{0.05, 0.05, 0.3, 0.9};
  CHECK(quote_width(0.05, 1, narrow) == 0.05);  // one tick under 3.00
  CHECK(quote_width(3.5, 0.5, {0, 0, 0, 1}) == 0.10);  // one tick from 3.00
  CHECK(quote_width(400, 30, p) == 0.9);    // max width
  const BidAsk cheap = spread_around(0.05, 1, narrow);
  CHECK_THAT(cheap.bid, WithinAbs(0.025, 1e-12));
  CHECK_THAT(cheap.ask, WithinAbs(0.075, 1e-12));
  const BidAsk tiny = spread_around(0.02, 1, {1.0, 0, 0, 2});
  CHECK(tiny.bid == 0.0);
  CHECK(tiny.ask == 0.04);
  CHECK(floor_to_tick(0.01) == 0.05);
}

TEST_CASE("the VX forward is listed, interpolated by days, or labelled when extrapolated", "[backtest][model]") {
  const Date d = make_date(2024, 3, 1);
  const VxCurveRow row = curve(d, {{make_date(2024, 3, 20), 15.0}, {make_date(2024, 4, 17), 16.0},
                                   {make_date(2024, 5, 22), 17.0}});
  const VolIndexRow vols = vol_row(d, std::nullopt, 13.0, 14.0, 90.0);
  auto listed = vx_forward(&row, &vols, d, make_date(2024, 4, 17));
  REQUIRE(listed);
  CHECK(listed->source == ForwardSource::listed);
  CHECK(listed->value == 16.0);
  // 2024-04-03 is 33 days out, between 19 (15.0) and 47 (16.0).
  auto mid = vx_forward(&row, &vols, d, make_date(2024, 4, 3));
  REQUIRE(mid);
  CHECK(mid->source == ForwardSource::interpolated);
  CHECK_THAT(mid->value, WithinRel(15.0 + 14.0 / 28.0, 1e-12));
  auto short_end = vx_forward(&row, &vols, d, make_date(2024, 3, 6));
  REQUIRE(short_end);
  CHECK(short_end->source == ForwardSource::extrapolated);
  CHECK(short_end->value == 15.0);
  auto beyond = vx_forward(&row, &vols, d, make_date(2024, 10, 16));
  REQUIRE(beyond);
  CHECK(beyond->source == ForwardSource::extrapolated);
  CHECK(beyond->value == 17.0);
  auto proxy = vx_forward(nullptr, &vols, d, make_date(2024, 4, 17));
  REQUIRE(proxy);
  CHECK(proxy->source == ForwardSource::index_proxy);
  CHECK(proxy->value > 0);
  CHECK_FALSE(vx_forward(&row, &vols, d, make_date(2024, 2, 1)));
}

TEST_CASE("model quotes price SPXW with Black-Scholes and VIX calls with Black-76 on the future", "[backtest][model]") {
  test::ClosedFormPricer pricer;
  OptionModel model(pricer);
  MarketDay day;
  day.date = make_date(2024, 3, 14);
  day.spx_close = 5150.0;
  day.vix_open = 14.0;
  day.vix_close = 14.5;
  day.vols = vol_row(day.date, 12.0, 13.0, 14.5, 90.0);
  const VxCurveRow row = curve(day.date, {{make_date(2024, 3, 20), 15.0}, {make_date(2024, 4, 17), 16.0}});
  day.curve = &row;

  const Instrument put = spxw_option(make_date(2024, 3, 15), 5100.0, OptionType::Put);
  auto q = model.quote(put, day, hhmm(15, 45));
  REQUIRE(q);
  const auto slice = model.spxw().slice(day.vols, day.vix_close, day.date, hhmm(15, 45), put.expiry, hhmm(16, 0));
  REQUIRE(slice);
  const double vol = model.spxw().vol_var(*slice, 5150.0, 5100.0);
  CAPTURE(slice->units, slice->atm_total_var, vol);
  CHECK(q->vol_source == "VIX1D");
  CHECK_THAT(q->vol, WithinRel(model.spxw().vol_cal(*slice, 5150.0, 5100.0), 1e-12));
  CHECK_THAT(q->quote.mid(),
             WithinRel(std::max(test::ClosedFormPricer::value(OptionType::Put, 5150.0, 5100.0, slice->years_var, 0, vol), 0.05), 1e-9));
  CHECK(q->quote.bid >= 0);
  CHECK(q->quote.ask > q->quote.bid);

  const Instrument call = vix_option(make_date(2024, 4, 17), 18.0, OptionType::Call);
  auto v = model.quote(call, day, hhmm(16, 0));
  REQUIRE(v);
  const double tv = act365_years(day.date, hhmm(16, 0), call.expiry, hhmm(9, 30));
  const auto& vp = model.params().vix;
  const double dte = tv * 365.0;
  const double atm = std::clamp(vp.vvix_ratio * 0.90 * std::pow(30.0 / dte, vp.term_exponent), 0.30, 2.50);
  const double sv = atm * (1 + vp.smile_up * std::pow(30.0 / dte, vp.smile_term_exponent) * std::log(18.0 / 16.0));
  CAPTURE(tv, atm, sv);
  CHECK(v->forward_source == "listed");
  CHECK_THAT(v->quote.mid(),
             WithinRel(std::max(test::ClosedFormPricer::value(OptionType::Call, 16.0, 18.0, tv, 0, sv), 0.05), 1e-9));

  auto spx_settle = model.settlement(put, day);
  REQUIRE(spx_settle);
  CHECK(spx_settle->value == 5150.0);
  auto vix_settle = model.settlement(call, day);
  REQUIRE(vix_settle);
  CHECK(vix_settle->source == SettlementSource::vix_open);
  CHECK(vix_settle->value == 14.0);
  day.vix_open.reset();
  CHECK(model.settlement(call, day)->source == SettlementSource::vix_close_proxy);
}
