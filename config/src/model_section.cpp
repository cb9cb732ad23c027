// The `model:` section: SPXW variance clock, ATM ratios, smile and quote widths; VIX option vol
// term structure, smile and widths. Every key optional (absent keeps the code default).
#include "sections.hpp"

namespace alvh::config::detail {

namespace {

void read_width(Diagnostics& d, MapReader& parent, const std::string& path, venue::SpreadParams& out) {
  auto n = parent.get("width");
  if (!n) return;
  MapReader w(d, *n, path + ".width");
  if (!w.valid()) return;
  w.number("base", out.base, Range::closed(0, 5));
  w.number("share", out.share, Range::closed(0, 1));
  w.number("tenor_exponent", out.tenor_exponent, Range::closed(-2, 2));
  w.number("max_width", out.max_width, Range::above(0));
  w.finish();
}

}  // namespace

void read_model(Diagnostics& d, const YAML::Node& n, ModelConfig& out) {
  MapReader m(d, n, "model");
  if (!m.valid()) return;
  auto& p = out.params;
  if (auto s = m.get("spxw")) {
    MapReader spxw(d, *s, "model.spxw");
    if (spxw.valid()) {
      if (auto c = spxw.get("clock")) {
        MapReader clock(d, *c, "model.spxw.clock");
        if (clock.valid()) {
          clock.number("overnight_share", p.spxw.clock.overnight_share, Range::closed(0, 1));
          clock.number("weekend_day", p.spxw.clock.weekend_day, Range::closed(0, 3));
          clock.number("holiday", p.spxw.clock.holiday, Range::closed(0, 3));
          clock.finish();
        }
      }
      if (auto r = spxw.get("atm_ratio")) {
        MapReader ratio(d, *r, "model.spxw.atm_ratio");
        if (ratio.valid()) {
          ratio.number("vix1d", p.spxw.ratio_vix1d, Range::above(0));
          ratio.number("vix9d", p.spxw.ratio_vix9d, Range::above(0));
          ratio.number("vix", p.spxw.ratio_vix, Range::above(0));
          ratio.number("vix3m", p.spxw.ratio_vix3m, Range::above(0));
          ratio.finish();
        }
      }
      if (auto sm = spxw.get("smile")) {
        MapReader smile(d, *sm, "model.spxw.smile");
        if (smile.valid()) {
          smile.number("slope", p.spxw.smile.slope, Range::closed(-5, 5));
          smile.number("put_curve", p.spxw.smile.put_curve, Range::closed(-1, 5));
          smile.number("call_curve", p.spxw.smile.call_curve, Range::closed(-1, 5));
          smile.number("term_exponent", p.spxw.smile.term_exponent, Range::closed(-2, 2));
          smile.boolean("skew_index_scaling", p.spxw.smile.skew_index_scaling);
          smile.number("skew_reference", p.spxw.smile.skew_reference, Range::above(100));
          smile.finish();
        }
      }
      read_width(d, spxw, "model.spxw", p.spxw_spread);
      spxw.finish();
    }
  }
  if (auto v = m.get("vix")) {
    MapReader vix(d, *v, "model.vix");
    if (vix.valid()) {
      vix.number("vvix_ratio", p.vix.vvix_ratio, Range::above(0));
      vix.number("term_exponent", p.vix.term_exponent, Range::closed(-2, 2));
      vix.number("smile_up", p.vix.smile_up, Range::closed(-5, 5));
      vix.number("smile_down", p.vix.smile_down, Range::closed(-5, 5));
      vix.number("smile_term_exponent", p.vix.smile_term_exponent, Range::closed(-2, 2));
      read_width(d, vix, "model.vix", p.vix_spread);
      vix.finish();
    }
  }
  m.finish();
}

}  // namespace alvh::config::detail
