#pragma once
// Conversions between core types and the journal's column encodings (shared by the journal's
// tables: instruments are always the same seven columns kind, root, expiry, strike, option_right,
// multiplier — plus the canonical symbol where it is a key).
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <string_view>

#include "alvh/core/clock.hpp"
#include "alvh/core/instrument.hpp"
#include "alvh/core/orders.hpp"

namespace alvh::journal::detail {

std::string_view side_text(Side s);
Side parse_side(std::string_view s);
std::string_view effect_text(PriceEffect e);
PriceEffect parse_effect(std::string_view s);
OrderState parse_order_state(std::string_view s);

// Binds kind, root, expiry, strike, option_right, multiplier to parameters first..first+5.
void bind_instrument(SQLite::Statement& st, int first, const Instrument& i);
// Reads the same six columns starting at column `first`.
Instrument read_instrument(SQLite::Statement& st, int first);

inline std::int64_t to_db(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp from_db(std::int64_t s) { return Timestamp{std::chrono::seconds{s}}; }

}  // namespace alvh::journal::detail
