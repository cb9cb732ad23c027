#pragma once
// Orders, combo legs, the order state machine and fills.
//
// Prices: a single-leg limit is the option premium (points, > 0). A combo limit is the NET
// price magnitude (points per combo unit, > 0) together with its effect: Credit means the combo is
// sold for at least `limit`, Debit means it is bought for at most `limit`. Keeping the effect
// separate from the magnitude makes "the limit never crosses from credit to debit" a type-level
// fact rather than a sign convention.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alvh/core/clock.hpp"
#include "alvh/core/instrument.hpp"

namespace alvh {

using ClientOrderId = std::string;  // unique per host session; carries the strategy tag

enum class Side { Buy, Sell };
enum class PriceEffect { Credit, Debit };

struct ComboLeg {
  Instrument instrument;
  Side side = Side::Buy;
  int ratio = 1;  // contracts of this leg per combo unit
};

struct ComboOrder {
  std::vector<ComboLeg> legs;  // 2..4 legs; an iron condor has 4 with ratio 1
  int quantity = 0;            // combo units
  double limit = 0;            // net price magnitude, points per unit
  PriceEffect effect = PriceEffect::Credit;
  std::string tag;             // strategy-chosen label, e.g. "ic:2024-03-14" or "ladder:front"
};

struct SingleOrder {
  Instrument instrument;
  Side side = Side::Buy;
  int quantity = 0;
  double limit = 0;  // premium per contract, points
  std::string tag;
};

// State machine (transitions validated by can_transition):
//   PendingSubmit -> Accepted | Rejected
//   Accepted -> PartiallyFilled | Filled | PendingCancel | Cancelled | Expired
//   PartiallyFilled -> PartiallyFilled | Filled | PendingCancel | Cancelled | Expired
//   PendingCancel -> Cancelled | Filled | PartiallyFilled (fills can race the cancel)
//   Filled, Cancelled, Rejected, Expired are terminal.
enum class OrderState { PendingSubmit, Accepted, PartiallyFilled, Filled, PendingCancel, Cancelled, Rejected, Expired };

std::string_view to_string(OrderState s);
bool is_terminal(OrderState s);
bool can_transition(OrderState from, OrderState to);

struct OrderEvent {
  ClientOrderId id;
  OrderState state = OrderState::PendingSubmit;
  int filled_quantity = 0;  // cumulative, combo units or contracts
  std::string reason;       // reject/cancel reason from the venue or the risk gate
  Timestamp time{};
};

struct LegFill {
  Instrument instrument;
  Side side = Side::Buy;
  int quantity = 0;  // contracts
  double price = 0;  // premium per contract, points
  // $ of the fill's commission on this leg, when the venue reports it per leg (the legs then sum to
  // Fill::commission); else the host splits the commission by contracts.
  std::optional<double> commission = std::nullopt;
};

// One execution. For a combo all legs of the execution arrive together in `legs`.
struct Fill {
  ClientOrderId id;
  int quantity = 0;          // combo units or contracts in this execution
  double net_price = 0;      // magnitude per unit, points
  PriceEffect effect = PriceEffect::Debit;
  std::vector<LegFill> legs; // single-leg orders carry exactly one leg
  double commission = 0;     // $
  Timestamp time{};
};

// A host-side view of an order: the request plus its current state.
struct Order {
  ClientOrderId id;
  std::optional<ComboOrder> combo;   // exactly one of combo / single is set
  std::optional<SingleOrder> single;
  OrderState state = OrderState::PendingSubmit;
  int filled_quantity = 0;
  int quantity() const { return combo ? combo->quantity : single ? single->quantity : 0; }
  // Applies an event if the transition is legal; returns false (state unchanged) otherwise.
  bool apply(const OrderEvent& e);
};

}  // namespace alvh
