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

TEST_CASE("the SPXW skew makes a put 1.3 standard moves down 13% richer and clamps far wings", "[backtest][model]") {
  test::ClosedFormPricer pricer;
  SpxwOptionModel model(pricer);
  const double atm = 0.15, t = 1455.0 / 525600.0, f = 5500.0;
  const double k_put = f * std::exp(-1.3 * atm * std::sqrt(t));
  const double k_call = f * std::exp(1.3 * atm * std::sqrt(t));
  CAPTURE(k_put, k_call);
  CHECK_THAT(model.vol_at(atm, f, k_put, t), WithinRel(atm * 1.13, 1e-9));
  CHECK_THAT(model.vol_at(atm, f, k_call, t), WithinRel(atm * 0.87, 1e-9));
  CHECK_THAT(model.vol_at(atm, f, f * 0.5, t), WithinRel(atm * 3.0, 1e-12));   // clamp cap
  CHECK_THAT(model.vol_at(atm, f, f * 1.5, t), WithinRel(atm * 0.5, 1e-12));   // clamp floor
}

TEST_CASE("the VIX option vol follows VVIX over the term and falls back to 86 before 2007", "[backtest][model]") {
  test::ClosedFormPricer pricer;
  VixOptionModel model(pricer);
  const Date d = make_date(2015, 6, 1);
  CHECK_THAT(model.atm_vol(100.0, d, 30).vol, WithinRel(1.0, 1e-12));
  CHECK_THAT(model.atm_vol(100.0, d, 110).vol, WithinRel(std::pow(30.0 / 110.0, 0.35), 1e-12));
  CHECK(model.atm_vol(100.0, d, 110).source == VvixSource::vvix);
  const VixVol early = model.atm_vol(120.0, make_date(2006, 6, 1), 30);
  CHECK(early.source == VvixSource::fallback);
  CHECK_THAT(early.vol, WithinRel(0.86, 1e-12));
  CHECK(model.atm_vol(std::nullopt, d, 30).source == VvixSource::fallback);
  CHECK_THAT(model.atm_vol(200.0, d, 1).vol, WithinRel(2.50, 1e-12));  // cap
  CHECK_THAT(model.atm_vol(60.0, d, 400).vol, WithinRel(0.30, 1e-12));  // floor
  // Smile: steeper above F than below.
  CHECK_THAT(model.smile_vol(0.8, 20.0, 22.0), WithinRel(0.8 * (1 + 0.35 * std::log(1.1)), 1e-12));
  CHECK_THAT(model.smile_vol(0.8, 20.0, 18.0), WithinRel(0.8 * (1 + 0.10 * std::log(0.9)), 1e-12));
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
  const double t = 1455.0 / 525600.0;
  const double vol = 0.12 * std::clamp(1.0 - 0.10 * std::log(5100.0 / 5150.0) / (0.12 * std::sqrt(t)), 0.5, 3.0);
  CAPTURE(t, vol);
  CHECK(q->vol_source == "VIX1D");
  CHECK_THAT(q->vol, WithinRel(vol, 1e-12));
  CHECK_THAT(q->quote.mid(), WithinRel(test::ClosedFormPricer::value(OptionType::Put, 5150.0, 5100.0, t, 0, vol), 1e-9));
  CHECK(q->quote.bid > 0);

  const Instrument call = vix_option(make_date(2024, 4, 17), 18.0, OptionType::Call);
  auto v = model.quote(call, day, hhmm(16, 0));
  REQUIRE(v);
  const double tv = act365_years(day.date, hhmm(16, 0), call.expiry, hhmm(9, 30));
  const double atm = std::clamp(0.90 * std::pow(30.0 / (tv * 365.0), 0.35), 0.30, 2.50);
  const double sv = atm * (1 + 0.35 * std::log(18.0 / 16.0));
  CAPTURE(tv, atm, sv);
  CHECK(v->forward_source == "listed");
  CHECK_THAT(v->quote.mid(), WithinRel(test::ClosedFormPricer::value(OptionType::Call, 16.0, 18.0, tv, 0, sv), 1e-9));

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
