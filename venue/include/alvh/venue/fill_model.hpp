#pragma once
// Paper fills: mid price plus slippage against the trader, per-contract fees, combos filled as
// one order at a net price, and cash settlement at expiry. Shared by the backtest and (later)
// the paper-trading broker so both see identical fills. Defaults: docs/references.md §R2 (#14).
#include <span>
#include <vector>

#include "alvh/core/instrument.hpp"

namespace alvh::venue {

struct FillParams {
  double spxw_slippage = 0.05;       // per SPXW leg, points
  double spxw_slippage_high = 0.10;  // per SPXW leg when its premium >= spxw_high_premium
  double spxw_high_premium = 3.00;
  double vix_slippage = 0.05;        // per VIX option
  double vx_slippage = 0.05;         // per VX future (one tick)
  double spxw_fee = 1.25;            // $ per contract per side, all-in
  double vix_fee = 1.15;
  double vx_fee = 2.00;
};

// One leg of an order: `ratio` contracts per combo unit, signed (+ buy, - sell), at model `mid`.
struct LegOrder {
  Instrument instrument;
  int ratio = 1;
  double mid = 0;
};

struct FilledLeg {
  Instrument instrument;
  int quantity = 0;  // signed contracts (ratio x combo quantity)
  double price = 0;  // per contract, points
  double fees = 0;   // $
};

struct ComboFill {
  std::vector<FilledLeg> legs;
  int quantity = 0;        // combo units
  double net_mid = 0;      // per unit, points; + = debit paid, - = credit received
  double net_price = 0;    // per unit after slippage; never crosses from credit to debit
  double fees = 0;         // $
  double cash = 0;         // $ to the account: -quantity * multiplier * net_price - fees
  bool clamped = false;    // slippage exceeded the credit; filled at zero
};

struct SettlementFill {
  Instrument instrument;
  int quantity = 0;            // signed position that settled
  double settlement_price = 0;  // underlying settlement value
  double value = 0;             // intrinsic per contract, points
  double cash = 0;              // $ = quantity * value * multiplier; no fee on cash settlement
};

class FillModel {
 public:
  explicit FillModel(FillParams params = {});

  const FillParams& params() const { return params_; }
  double slippage(const Instrument& instrument, double premium) const;
  double fee_per_contract(const Instrument& instrument) const;

  // Fills `quantity` units of the combo (a single leg is a combo of one). Leg prices are
  // mid -/+ slippage (never below 0); when a credit combo's slippage would exceed its credit the
  // slippage is scaled down so the net is exactly 0 (`clamped`). Requires quantity > 0.
  ComboFill fill(std::span<const LegOrder> legs, int quantity) const;

  // Cash settlement of `quantity` contracts against the underlying's settlement value.
  SettlementFill settle(const Instrument& instrument, int quantity, double settlement_price) const;

 private:
  FillParams params_;
};

}  // namespace alvh::venue
