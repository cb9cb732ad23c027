#pragma once
// ABI structs -> core types, validating as they go: null pointers, short structs, enum values out
// of range and impossible dates throw AbiError (ALVH_ERR_ARGUMENT or ALVH_ERR_ABI), so a bad
// struct from the other side becomes an error code, never undefined behaviour.
//
// Arrays of size-prefixed structs are read with the stride given by their first element's
// struct_size (>= the reader's sizeof), so a newer writer with longer elements stays readable.
#include <cstddef>
#include <cstdint>
#include <string>

#include "alvh/core/market_events.hpp"
#include "alvh/core/orders.hpp"
#include "alvh/core/positions.hpp"
#include "alvh/core/strategy.hpp"
#include "alvh/plugin.h"

namespace alvh::plugin_abi {

Date from_c_date(std::int32_t yyyymmdd, const char* what);
Timestamp from_c_time(std::int64_t seconds);
ExchangeTime from_c(const alvh_exchange_time& t, const char* what);
Instrument from_c(const alvh_instrument& i);
ComboOrder from_c(const alvh_combo_order* o);
SingleOrder from_c(const alvh_single_order* o);
OrderEvent from_c(const alvh_order_event* e);
Fill from_c(const alvh_fill* f);
Position from_c(const alvh_position& p);
AccountSummary from_c(const alvh_account& a);
PortfolioGreeks from_c(const alvh_portfolio_greeks& g);
DailyBar from_c(const alvh_daily_bar* b);
IndexValues from_c(const alvh_index_values* v);
Quote from_c(const alvh_quote& q);
QuoteSnapshot from_c(const alvh_quote_snapshot* s);
OptionChainSnapshot from_c(const alvh_chain_snapshot* c);
// The same into an existing snapshot, reusing its storage (one per plug-in instance).
void from_c(const alvh_chain_snapshot* c, OptionChainSnapshot& into);
SignalSnapshot from_c(const alvh_signal_snapshot* s);  // values only; `fired` stays empty
Settlement from_c(const alvh_settlement* s);
TimerEvent from_c(const alvh_timer_event* t);

[[noreturn]] void throw_null(const char* what);
[[noreturn]] void throw_short(const char* what, std::uint32_t got, std::size_t want);

// Throws AbiError(ALVH_ERR_ARGUMENT) for a null struct, AbiError(ALVH_ERR_ABI) for a short one.
template <class T>
const T& checked(const T* p, const char* what) {
  if (!p) throw_null(what);
  if (p->struct_size < sizeof(T)) throw_short(what, p->struct_size, sizeof(T));
  return *p;
}

// A required string (null -> AbiError) or an optional one (null -> "").
std::string required_string(const char* s, const char* what);
std::string optional_string(const char* s);

}  // namespace alvh::plugin_abi
