#include "alvh/venue/fill_model.hpp"

#include <algorithm>
#include <cstdlib>

#include "alvh/venue/spxw_option_model.hpp"

namespace alvh::venue {

FillModel::FillModel(FillParams params) : params_(params) {}

double FillModel::slippage(const Instrument& instrument, double premium) const {
  if (instrument.kind == InstrumentKind::Future) return params_.vx_slippage;
  if (instrument.root == "VIX") return params_.vix_slippage;
  return premium >= params_.spxw_high_premium ? params_.spxw_slippage_high : params_.spxw_slippage;
}

double FillModel::fee_per_contract(const Instrument& instrument) const {
  if (instrument.kind == InstrumentKind::Future) return params_.vx_fee;
  // A fractional study lot (multiplier 1 instead of 100) is 1/100 contract and pays 1/100 of the fee.
  const double share = instrument.multiplier / 100.0;
  return (instrument.root == "VIX" ? params_.vix_fee : params_.spxw_fee) * share;
}

ComboFill FillModel::fill(std::span<const LegOrder> legs, int quantity) const {
  ComboFill out;
  out.quantity = quantity;
  // Per-leg slippage actually applicable: a sell cannot go below a zero price.
  std::vector<double> slip(legs.size());
  double total_slip = 0;
  double multiplier = 100;
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const LegOrder& leg = legs[i];
    const double s = slippage(leg.instrument, leg.mid);
    slip[i] = leg.ratio > 0 ? s : std::min(s, std::max(leg.mid, 0.0));
    total_slip += std::abs(leg.ratio) * slip[i];
    out.net_mid += leg.ratio * leg.mid;
    multiplier = leg.instrument.multiplier;
  }
  // A credit combo stays a credit (or zero): the package never crosses into a debit.
  double scale = 1.0;
  if (out.net_mid < 0 && out.net_mid + total_slip > 0) {
    scale = -out.net_mid / total_slip;
    out.clamped = true;
  }
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const LegOrder& leg = legs[i];
    FilledLeg f;
    f.instrument = leg.instrument;
    f.quantity = leg.ratio * quantity;
    f.price = leg.ratio > 0 ? leg.mid + scale * slip[i] : std::max(leg.mid - scale * slip[i], 0.0);
    f.fees = std::abs(f.quantity) * fee_per_contract(leg.instrument);
    out.net_price += leg.ratio * f.price;
    out.fees += f.fees;
    out.legs.push_back(f);
  }
  if (out.clamped) out.net_price = 0;  // exact zero despite rounding in the scaled legs
  out.cash = -quantity * multiplier * out.net_price - out.fees;
  return out;
}

SettlementFill FillModel::settle(const Instrument& instrument, int quantity, double settlement_price) const {
  SettlementFill s;
  s.instrument = instrument;
  s.quantity = quantity;
  s.settlement_price = settlement_price;
  s.value = instrument.kind == InstrumentKind::Future
                ? settlement_price
                : intrinsic_value(instrument.right, instrument.strike, settlement_price);
  s.cash = quantity * s.value * instrument.multiplier;
  return s;
}

}  // namespace alvh::venue
