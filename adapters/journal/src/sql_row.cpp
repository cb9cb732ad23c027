#include "sql_row.hpp"

#include <stdexcept>

#include "alvh/core/date.hpp"

namespace alvh::journal::detail {

std::string_view side_text(Side s) { return s == Side::Buy ? "buy" : "sell"; }
Side parse_side(std::string_view s) { return s == "buy" ? Side::Buy : Side::Sell; }
std::string_view effect_text(PriceEffect e) { return e == PriceEffect::Credit ? "credit" : "debit"; }
PriceEffect parse_effect(std::string_view s) { return s == "credit" ? PriceEffect::Credit : PriceEffect::Debit; }

OrderState parse_order_state(std::string_view s) {
  for (auto st : {OrderState::PendingSubmit, OrderState::Accepted, OrderState::PartiallyFilled, OrderState::Filled,
                  OrderState::PendingCancel, OrderState::Cancelled, OrderState::Rejected, OrderState::Expired})
    if (to_string(st) == s) return st;
  throw std::runtime_error("unknown order state '" + std::string(s) + "'");
}

void bind_instrument(SQLite::Statement& st, int first, const Instrument& i) {
  st.bind(first, i.kind == InstrumentKind::Option ? "option" : "future");
  st.bind(first + 1, i.root);
  st.bind(first + 2, to_iso(i.expiry));
  st.bind(first + 3, i.strike);
  st.bind(first + 4, i.right == OptionType::Call ? "call" : "put");
  st.bind(first + 5, i.multiplier);
}

Instrument read_instrument(SQLite::Statement& st, int first) {
  Instrument i;
  i.kind = st.getColumn(first).getString() == "future" ? InstrumentKind::Future : InstrumentKind::Option;
  i.root = st.getColumn(first + 1).getString();
  const std::string expiry = st.getColumn(first + 2).getString();
  const auto d = parse_iso_date(expiry);
  if (!d) throw std::runtime_error("bad expiry '" + expiry + "'");
  i.expiry = *d;
  i.strike = st.getColumn(first + 3).getDouble();
  i.right = st.getColumn(first + 4).getString() == "call" ? OptionType::Call : OptionType::Put;
  i.multiplier = st.getColumn(first + 5).getDouble();
  return i;
}

}  // namespace alvh::journal::detail
