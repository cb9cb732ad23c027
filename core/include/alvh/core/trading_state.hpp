#pragma once
// The trading state of a book, one type for the risk gate, the rules and the paper host: ACTIVE
// trades; REDUCING lets only orders that close positions through; HALTED lets nothing through.
#include <string_view>

namespace alvh {

enum class TradingState { Active, Reducing, Halted };  // ordered: a later state is stricter

std::string_view to_string(TradingState s);  // "ACTIVE", "REDUCING", "HALTED"

}  // namespace alvh
