#pragma once
// Core types -> ABI structs. The C views borrow the strings of the core object they were made
// from, so the core object must outlive the call that receives the view. Views with arrays own
// the array storage and are neither copied nor moved (their pointers refer to themselves).
#include <cstdint>
#include <vector>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/core/strategy.hpp"
#include "alvh/plugin.h"

namespace alvh::plugin_abi {

std::int32_t to_c_date(Date d);                       // 20240315; 0 for an unset date
std::int64_t to_c_time(Timestamp t);                  // seconds since the epoch
alvh_exchange_time to_c(const ExchangeTime& t);
alvh_instrument to_c(const Instrument& i);
alvh_single_order to_c(const SingleOrder& o);
alvh_order_event to_c(const OrderEvent& e);
alvh_position to_c(const Position& p);
alvh_account to_c(const AccountSummary& a);
alvh_portfolio_greeks to_c(const PortfolioGreeks& g);
alvh_index_values to_c(const IndexValues& v);
alvh_daily_bar to_c(const DailyBar& b);
alvh_quote to_c(const Quote& q);
alvh_settlement to_c(const Settlement& s);
alvh_timer_event to_c(const TimerEvent& t);

class NoCopy {
 protected:
  NoCopy() = default;
  NoCopy(const NoCopy&) = delete;
  NoCopy& operator=(const NoCopy&) = delete;
};

struct CComboOrder : NoCopy {
  explicit CComboOrder(const ComboOrder& o);
  std::vector<alvh_combo_leg> legs;
  alvh_combo_order order{};
};

struct CFill : NoCopy {
  explicit CFill(const Fill& f);
  std::vector<alvh_leg_fill> legs;
  alvh_fill fill{};
};

struct CQuoteSnapshot : NoCopy {
  explicit CQuoteSnapshot(const QuoteSnapshot& s);
  std::vector<alvh_quote> quotes;
  alvh_quote_snapshot snapshot{};
};

struct CChainSnapshot : NoCopy {
  CChainSnapshot() = default;
  explicit CChainSnapshot(const OptionChainSnapshot& c) { assign(c); }
  // Refills the view in place: a host that keeps one per plug-in instance converts each chain
  // without allocating (the chain is the event of the condor entry; its latency counts).
  void assign(const OptionChainSnapshot& c);
  std::vector<alvh_forward> forwards;
  std::vector<alvh_quote> quotes;
  alvh_chain_snapshot chain{};
};

// Values only: the plugin evaluates its own rules (see alvh_signal_snapshot).
struct CSignalSnapshot : NoCopy {
  explicit CSignalSnapshot(const SignalSnapshot& s);
  std::vector<alvh_signal_value> values;
  alvh_signal_snapshot snapshot{};
};

}  // namespace alvh::plugin_abi
