#pragma once
// Booking rules shared by every executor of the paper fill model (the replay engine, the paper
// broker, the paper host): which book and position a fill belongs to, and how it changes a
// position. One copy, so `alvh paper` and `alvh backtest` book the same trades the same way.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "alvh/backtest/backtest_result.hpp"
#include "alvh/backtest/ledger.hpp"
#include "alvh/venue/option_model.hpp"
#include "alvh/core/instrument.hpp"
#include "alvh/core/positions.hpp"

namespace alvh::backtest {

// VIX options and VX futures are the hedge; everything else is the condor book.
bool is_vix_family(const Instrument& i);
Book book_of(const Instrument& i);

// The trade record's action: "close" for a ":close" tag, "open" for other combos, else "buy"/"sell".
std::string booking_action(const std::string& tag, bool combo, int first_leg_ratio);

// Condor combos keep one position per tag ("ic:2024-03-15", closed by "ic:2024-03-15:close");
// hedge lots are cohorts per layer and contract.
std::string position_id(const std::string& tag, const Instrument& first_leg, bool combo);

// "condor", or the ladder layer named after the tag's last ':' ("ladder:front" -> "front").
std::string group_of(Book book, const std::string& tag);

// Applies `qty` signed contracts at `price` to positions keyed by symbol(): the average price
// follows additions, resets when the position flips, and a flat position is removed.
void book_position(std::map<std::string, Position>& positions, const Instrument& inst, int qty, double price,
                   const std::string& tag);

// The model's quote of an instrument at the booking's time of day, or null where it has none. The
// replay passes its day's memo (ReplayDay::model_quote), so every session of a replay prices each
// held contract once.
using ModelQuoteLookup = std::function<const venue::ModelQuote*(const Instrument&)>;

// Dollar greeks of positions marked by the option model (unpriced ones skipped).
PortfolioGreeks book_greeks(const std::map<std::string, Position>& positions, const ModelQuoteLookup& quote);

// Marks every open ledger position at the model mid (unpriced ones keep their mark).
void mark_ledger(Ledger& ledger, const ModelQuoteLookup& quote);

// The day's record of a session: equity and book P&L since the start-of-day book P&L
// (`condor0`, `hedge0`), open condors, hedge value, ladder contracts per layer, book greeks.
DailyRecord daily_record(Date today, const Ledger& ledger, double condor0, double hedge0,
                         const std::vector<std::string>& ladder_layers,
                         const std::map<std::string, Position>& positions, const ModelQuoteLookup& quote);

}  // namespace alvh::backtest
