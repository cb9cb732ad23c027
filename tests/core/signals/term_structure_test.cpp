#include <catch2/catch.hpp>

#include <cmath>

#include "alvh/core/signals/constant_maturity.hpp"
#include "alvh/core/signals/term_structure.hpp"

using alvh::CurveSource;
using Catch::Detail::Approx;

namespace {

// M1 10 d @ 15, M2 40 d @ 17, M3 70 d @ 18; M4..M8 absent.
alvh::VxCurveRow three_month_curve() {
  alvh::VxCurveRow row;
  row.date = alvh::make_date(2010, 3, 1);
  row.settle[0] = 15.0;
  row.settle[1] = 17.0;
  row.settle[2] = 18.0;
  row.days_to_expiry[0] = 10;
  row.days_to_expiry[1] = 40;
  row.days_to_expiry[2] = 70;
  return row;
}

}  // namespace

TEST_CASE("term ratios: VX1/VX2 >= 1 is backwardation, contango is VX2/VX1 - 1, missing inputs stay missing") {
  CAPTURE(alvh::term_ratio(22.0, 20.0), alvh::contango(20.0, 21.0));
  CHECK(*alvh::term_ratio(22.0, 20.0) == Approx(1.1));
  CHECK(*alvh::contango(20.0, 21.0) == Approx(0.05));
  CHECK_FALSE(alvh::term_ratio(std::nullopt, 20.0).has_value());
  CHECK_FALSE(alvh::term_ratio(20.0, 0.0).has_value());
  CHECK_FALSE(alvh::contango(20.0, std::nullopt).has_value());
}

TEST_CASE("constant maturity interpolates linearly in days to expiry between bracketing contracts") {
  const auto row = three_month_curve();
  INFO("curve: M1 10d 15.0, M2 40d 17.0, M3 70d 18.0");
  const auto q30 = alvh::constant_maturity_from_curve(row, 30);
  CAPTURE(*q30.price);
  CHECK(*q30.price == Approx(15.0 + 2.0 * 20.0 / 30.0));  // 16.333...
  CHECK(q30.source == CurveSource::VxCurve);
  const auto q40 = alvh::constant_maturity_from_curve(row, 40);
  CHECK(*q40.price == Approx(17.0));
  CHECK(q40.source == CurveSource::VxCurve);
  const auto q55 = alvh::constant_maturity_from_curve(row, 55);
  CHECK(*q55.price == Approx(17.5));
}

TEST_CASE("constant maturity outside M1..last is held flat and labelled extrapolated") {
  const auto row = three_month_curve();
  const auto before = alvh::constant_maturity_from_curve(row, 5);
  const auto beyond = alvh::constant_maturity_from_curve(row, 220);
  CAPTURE(*before.price, *beyond.price);
  CHECK(*before.price == 15.0);
  CHECK(before.source == CurveSource::VxExtrapolated);
  CHECK(*beyond.price == 18.0);
  CHECK(beyond.source == CurveSource::VxExtrapolated);
  CHECK(alvh::curve_source_name(beyond.source) == "VxExtrapolated");
}

TEST_CASE("constant maturity skips a contract without a settle") {
  auto row = three_month_curve();
  row.settle[1] = std::nullopt;
  const auto q = alvh::constant_maturity_from_curve(row, 40);
  INFO("M2 missing: interpolate M1 10d 15.0 to M3 70d 18.0 at 40d");
  CHECK(*q.price == Approx(16.5));
  CHECK(q.source == CurveSource::VxCurve);
}

TEST_CASE("without a VX curve the index proxy is used and labelled IndexProxy") {
  alvh::VolIndexRow idx;
  idx.date = alvh::make_date(1995, 6, 1);
  idx.close[static_cast<std::size_t>(alvh::VolIndex::VIX)] = 20.0;
  // VIX only: flat forward variance at 20%; sigma_v = 0.86 (default VVIX 86) at 30 d.
  const auto q = alvh::constant_maturity_vx(nullptr, &idx, 30);
  const double expected = 20.0 * std::exp(-0.86 * 0.86 * (30.0 / 365.0) / 2.0);
  CAPTURE(*q.price, expected);
  CHECK(q.source == CurveSource::IndexProxy);
  CHECK(alvh::curve_source_name(q.source) == "IndexProxy");
  CHECK(*q.price == Approx(expected));
  CHECK(*q.price == Approx(19.40).epsilon(0.001));

  // Upward-sloping index curve: VIX 15, VIX3M 18 -> w(30) = 0.0225*30/365, w(93) = 0.0324*93/365.
  idx.close[static_cast<std::size_t>(alvh::VolIndex::VIX3M)] = 18.0;
  idx.close[static_cast<std::size_t>(alvh::VolIndex::VIX)] = 15.0;
  idx.close[static_cast<std::size_t>(alvh::VolIndex::VVIX)] = 100.0;
  const double w30 = 0.0225 * 30.0 / 365.0, w93 = 0.0324 * 93.0 / 365.0;
  const double fwd_var = (w93 - w30) / (63.0 / 365.0);  // linear w: constant forward variance 30..93 d
  const auto q30 = alvh::constant_maturity_vx(nullptr, &idx, 30);
  const double expected30 = 100.0 * std::sqrt(fwd_var) * std::exp(-1.0 * (30.0 / 365.0) / 2.0);
  CAPTURE(*q30.price, expected30);
  CHECK(*q30.price == Approx(expected30));

  const auto with_curve = alvh::constant_maturity_vx(nullptr, nullptr, 30);
  CHECK(with_curve.source == CurveSource::Missing);
  CHECK_FALSE(with_curve.price.has_value());
  const auto no_proxy = alvh::constant_maturity_vx(nullptr, &idx, 30, false);
  CHECK(no_proxy.source == CurveSource::Missing);
}

TEST_CASE("a usable VX curve wins over the proxy") {
  const auto row = three_month_curve();
  alvh::VolIndexRow idx;
  idx.close[static_cast<std::size_t>(alvh::VolIndex::VIX)] = 40.0;
  const auto q = alvh::constant_maturity_vx(&row, &idx, 30);
  CHECK(q.source == CurveSource::VxCurve);
  CHECK(*q.price == Approx(16.333333333));
}
