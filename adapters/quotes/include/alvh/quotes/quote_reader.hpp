#pragma once
// Readers of real option-quote files. The layout is detected from the file's first lines, not
// configured:
// - Cboe delayed-quote chain download, .csv (a `Date:` stamp line) or the older .dat (a
//   `May 13 2019 @ 04:47 ET` stamp line); header `Expiration Date,Calls,...,Strike,Puts,...`;
// - Cboe DataShop "Option EOD Summary" (header starts `underlying_symbol,quote_date`): the
//   closing `bid_eod`/`ask_eod`;
// - the vendor end-of-day layout (`underlying,underlying_last, exchange,optionroot,...`);
// - an implied-vol surface (`Expiry,Texp,Strike,Bid,Ask,Fwd`, bid/ask as Black vols).
// Bad input throws QuoteError "file:line: column: message".
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "alvh/core/exchange_calendar.hpp"
#include "alvh/quotes/quote_session.hpp"

namespace alvh::quotes {

struct QuoteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Every session in one file (the vendor EOD layout holds one per quote date).
std::vector<QuoteSession> read_quote_file(const std::filesystem::path& file, const ExchangeCalendar& calendar);
// Every quote file under `dir` (recursively: *.csv, *.dat), sorted by session then file. Files
// named SOURCES.md or README* are skipped; any other file that is not a known layout is an error.
std::vector<QuoteSession> read_quote_dir(const std::filesystem::path& dir, const ExchangeCalendar& calendar);

// A download's wall-clock stamp, as printed by Cboe in several languages and formats, in New York
// time. Throws QuoteError naming `where` when the text holds no date and time.
struct WallClock {
  Date date{};
  int minutes = 0;
};
WallClock parse_download_stamp(const std::string& text, const std::string& where);

// When a download was made (New York time) and the earliest expiry it lists -> the session.
// After the close, at night or on a non-trading day: the closing quotes of the last session
// (the earliest listed expiry when it is earlier than the download day: a chain not yet cleared).
// During a session: 15-minute delayed quotes. Before the open: that day's pre-open snapshot.
void assign_session(QuoteSession& s, WallClock stamp, std::optional<Date> earliest_expiry,
                    const ExchangeCalendar& calendar);

// The forward of one expiry from put-call parity at the strikes where |call mid - put mid| is
// smallest (median of K + C - P over the three closest); empty without two-sided quotes on both
// rights at some strike.
std::optional<double> parity_forward(const QuoteSession& s, Date expiry);

}  // namespace alvh::quotes
