// The fit recovers known parameters from chains priced by the model itself (synthetic sessions:
// a weekday, a weekend, a holiday span and an intraday snapshot for SPXW; three VVIX levels for
// VIX options).
#include <catch2/catch.hpp>

#include <cmath>

#include "alvh/calibration/model_fit.hpp"
#include "alvh/calibration/model_validation.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/quotes/quote_reader.hpp"

using namespace alvh;
using namespace alvh::calibration;
using Catch::Matchers::WithinAbs;

namespace {

VolIndexRow indices(Date d, double vix9d, double vix, double vix3m, double vvix) {
  VolIndexRow r;
  r.date = d;
  r.close[static_cast<std::size_t>(VolIndex::VIX9D)] = vix9d;
  r.close[static_cast<std::size_t>(VolIndex::VIX)] = vix;
  r.close[static_cast<std::size_t>(VolIndex::VIX3M)] = vix3m;
  r.close[static_cast<std::size_t>(VolIndex::VVIX)] = vvix;
  r.close[static_cast<std::size_t>(VolIndex::SKEW)] = 130.0;
  return r;
}

venue::OptionModelParams truth() {
  venue::OptionModelParams p;
  p.spxw.clock = {0.25, 0.08, 0.5};
  p.spxw.ratio_vix9d = 0.85;
  p.spxw.ratio_vix = 0.90;
  p.spxw.ratio_vix3m = 0.88;
  p.spxw.smile.slope = -0.15;
  p.spxw.smile.put_curve = 0.03;
  p.spxw.smile.call_curve = 0.06;
  p.spxw.smile.term_exponent = 0.1;
  p.vix.vvix_ratio = 0.95;
  p.vix.term_exponent = 0.2;
  p.vix.smile_up = 0.8;
  p.vix.smile_down = 0.6;
  p.vix.smile_term_exponent = 0.2;
  return p;
}

struct Synthetic {
  std::vector<quotes::QuoteSession> sessions;
  MarketHistory history;
};

// SPXW chains priced by the true model, +-0.02 around the model price.
quotes::QuoteSession spxw_session(const venue::OptionModelParams& p, const OptionPricer& pricer, Date date, int minutes,
                                  Date index_date, const VolIndexRow& row, std::vector<Date> expiries) {
  quotes::QuoteSession s;
  s.file = "synthetic";
  s.layout = "synthetic";
  s.date = date;
  s.minutes = minutes;
  s.closing = minutes > 16 * 60;
  s.index_date = index_date;
  const venue::SpxwOptionModel model(pricer, p.spxw);
  VolIndexRow dated = row;
  dated.date = date;
  const double f = 4000;
  for (Date e : expiries) {
    const auto slice = model.slice(dated, std::nullopt, date, minutes, e, 16 * 60);
    REQUIRE(slice);
    for (double k = 3500; k <= 4400; k += 5)
      for (OptionType right : {OptionType::Call, OptionType::Put}) {
        const double price = model.price(right, f, k, *slice).price;
        if (price < 0.05) s.rows.push_back({"SPXW", e, right, k, 0.0, 0.05, 0});  // no bid, as listed
        else s.rows.push_back({"SPXW", e, right, k, price - 0.02, price + 0.02, 0});
      }
  }
  return s;
}

quotes::QuoteSession vix_session(const venue::OptionModelParams& p, const OptionPricer& pricer, Date date, double vvix) {
  quotes::QuoteSession s;
  s.file = "synthetic";
  s.layout = "synthetic";
  s.underlying = quotes::QuoteUnderlying::vix;
  s.date = s.index_date = date;
  s.minutes = 16 * 60 + 15;
  const venue::VixOptionModel model(pricer, p.vix);
  for (int days : {20, 50, 110, 200}) {
    const Date e = add_days(date, days);
    const double years = (days * 1440.0 + 9 * 60 + 30 - s.minutes) / (365.0 * 1440.0);
    const double f = 18.0 + days / 100.0;
    const double atm = model.atm_vol(vvix, date, years * 365).vol;
    for (double k = 12; k <= 40; k += 1)
      for (OptionType right : {OptionType::Call, OptionType::Put}) {
        const double price = model.price(right, f, k, years, model.smile_vol(atm, f, k, years * 365)).price;
        if (price < 0.05) continue;
        s.rows.push_back({"VIX", e, right, k, price - 0.02, price + 0.02, 0});
      }
  }
  return s;
}

Synthetic synthetic(const OptionPricer& pricer) {
  const auto p = truth();
  Synthetic out;
  const int close = 16 * 60 + 15;
  struct Day {
    Date date, index_date;
    int minutes;
    double vix9d, vix, vix3m, vvix;
    std::vector<Date> expiries;
  };
  const std::vector<Day> days{
      {make_date(2022, 6, 7), make_date(2022, 6, 7), close, 22, 24, 25, 100,
       {make_date(2022, 6, 8), make_date(2022, 6, 9), make_date(2022, 6, 14), make_date(2022, 6, 24), make_date(2022, 7, 15)}},
      {make_date(2022, 6, 10), make_date(2022, 6, 10), close, 26, 27, 27, 110,
       {make_date(2022, 6, 13), make_date(2022, 6, 15), make_date(2022, 6, 22), make_date(2022, 7, 8)}},
      {make_date(2022, 9, 2), make_date(2022, 9, 2), close, 24, 25, 27, 95,
       {make_date(2022, 9, 6), make_date(2022, 9, 9), make_date(2022, 9, 23), make_date(2022, 10, 14)}},
      {make_date(2022, 6, 15), make_date(2022, 6, 14), 12 * 60, 30, 32, 30, 115,
       {make_date(2022, 6, 16), make_date(2022, 6, 17), make_date(2022, 6, 24), make_date(2022, 7, 15)}},
      {make_date(2022, 8, 5), make_date(2022, 8, 5), close, 18, 21, 24, 90,
       {make_date(2022, 8, 8), make_date(2022, 8, 10), make_date(2022, 8, 19), make_date(2022, 9, 16)}},
  };
  for (const auto& d : days) {
    const VolIndexRow row = indices(d.index_date, d.vix9d, d.vix, d.vix3m, d.vvix);
    out.history.vol_indices.push_back(row);
    out.sessions.push_back(spxw_session(p, pricer, d.date, d.minutes, d.index_date, row, d.expiries));
  }
  for (const auto& [date, vvix] : std::vector<std::pair<Date, double>>{
           {make_date(2022, 6, 1), 90.0}, {make_date(2022, 6, 2), 110.0}, {make_date(2022, 6, 3), 130.0}}) {
    out.history.vol_indices.push_back(indices(date, 20, 22, 23, vvix));
    out.sessions.push_back(vix_session(p, pricer, date, vvix));
  }
  std::sort(out.history.vol_indices.begin(), out.history.vol_indices.end(),
            [](const VolIndexRow& a, const VolIndexRow& b) { return a.date < b.date; });
  return out;
}

}  // namespace

TEST_CASE("the fit recovers the clock, ratios and smile from chains the model priced itself") {
  const QuantLibPricer pricer;
  const auto data = synthetic(pricer);
  const venue::OptionModelParams start{};
  const venue::SpxwOptionModel inputs(pricer, start.spxw);
  const auto obs = build_observations(data.sessions, data.history, pricer, inputs);
  INFO("notes: " << obs.notes.size());
  REQUIRE(obs.spxw.size() > 1000);
  REQUIRE(obs.vix.size() > 100);
  const auto r = calibrate(obs, start);
  const auto t = truth();
  const auto& s = r.params.spxw;
  CAPTURE(s.clock.overnight_share, s.clock.weekend_day, s.clock.holiday, s.ratio_vix9d, s.ratio_vix, s.ratio_vix3m,
          s.smile.slope, s.smile.put_curve, s.smile.call_curve, s.smile.term_exponent, r.spxw.loss_after);
  CHECK(r.spxw.loss_after < 0.1);  // vol points, pseudo-Huber
  CHECK_THAT(s.clock.weekend_day, WithinAbs(t.spxw.clock.weekend_day, 0.03));
  CHECK_THAT(s.clock.holiday, WithinAbs(t.spxw.clock.holiday, 0.15));
  CHECK_THAT(s.clock.overnight_share, WithinAbs(t.spxw.clock.overnight_share, 0.08));
  CHECK_THAT(s.ratio_vix9d, WithinAbs(t.spxw.ratio_vix9d, 0.03));
  CHECK_THAT(s.ratio_vix, WithinAbs(t.spxw.ratio_vix, 0.05));
  CHECK_THAT(s.smile.slope, WithinAbs(t.spxw.smile.slope, 0.02));
  CHECK_THAT(s.smile.put_curve, WithinAbs(t.spxw.smile.put_curve, 0.01));
  CHECK_THAT(s.smile.call_curve, WithinAbs(t.spxw.smile.call_curve, 0.015));
  CHECK_FALSE(r.skew_kept);  // SKEW is the same every day: scaling cannot help

  const auto& v = r.params.vix;
  CAPTURE(v.vvix_ratio, v.term_exponent, v.smile_up, v.smile_down, v.smile_term_exponent, r.vix.loss_after);
  CHECK_THAT(v.vvix_ratio, WithinAbs(t.vix.vvix_ratio, 0.03));
  CHECK_THAT(v.term_exponent, WithinAbs(t.vix.term_exponent, 0.03));
  CHECK_THAT(v.smile_up, WithinAbs(t.vix.smile_up, 0.1));
  CHECK_THAT(v.smile_down, WithinAbs(t.vix.smile_down, 0.15));
}

TEST_CASE("validation of the true model on its own chains finds errors near zero and every goal met") {
  const QuantLibPricer pricer;
  const auto data = synthetic(pricer);
  const auto t = truth();
  const venue::SpxwOptionModel inputs(pricer, t.spxw);
  const auto obs = build_observations(data.sessions, data.history, pricer, inputs);
  const auto v = validate_model(obs, t, strategies::IronCondorConfig{}, pricer);
  REQUIRE(v.summary.spxw_leg_vol_median_abs_pts);
  CAPTURE(*v.summary.spxw_leg_vol_median_abs_pts);
  CHECK(*v.summary.spxw_leg_vol_median_abs_pts < 0.05);
  REQUIRE(v.summary.condor_1dte_weekday_median_abs_pct);
  CHECK(*v.summary.condor_1dte_weekday_median_abs_pct < 2.0);
  REQUIRE(v.summary.condor_span_weekend_median_abs_pct);
  CHECK(*v.summary.condor_span_weekend_median_abs_pct < 2.0);
  REQUIRE(v.summary.vix_call_30_250_median_abs_pct);
  CHECK(*v.summary.vix_call_30_250_median_abs_pct < 1.0);
  CHECK(v.condor_1dte_goal() == std::optional<bool>(true));
  CHECK(v.vix_call_goal() == std::optional<bool>(true));
  REQUIRE(v.sessions.size() == data.sessions.size());
  CHECK(v.sessions[0].condor.has_value());
}
