#include "alvh/core/trading_state.hpp"

namespace alvh {

std::string_view to_string(TradingState s) {
  switch (s) {
    case TradingState::Active: return "ACTIVE";
    case TradingState::Reducing: return "REDUCING";
    case TradingState::Halted: return "HALTED";
  }
  return "?";
}

}  // namespace alvh
