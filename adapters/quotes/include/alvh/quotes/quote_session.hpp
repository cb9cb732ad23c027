#pragma once
// One session of real option quotes as read from a file: which options, at what time, and which
// close's index values a decision at that time may use (no look-ahead).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alvh/core/date.hpp"
#include "alvh/core/option_pricer.hpp"

namespace alvh::quotes {

enum class QuoteUnderlying { spx, vix };
// Prices (bid/ask in points) or Black implied vols (bid/ask as 0.80 = 80%).
enum class QuoteKind { price, black_vol };

struct OptionQuoteRow {
  std::string root;  // SPXW, SPX (AM monthly), VIX, VIXW
  Date expiry{};
  OptionType right = OptionType::Call;
  double strike = 0;
  double bid = 0, ask = 0;  // 0 = no bid (or no ask)
  int line = 0;             // in the file, for messages
};

struct QuoteSession {
  std::string file;    // path as given
  std::string layout;  // cboe_delayed_csv, cboe_delayed_dat, cboe_datashop_eod, vendor_eod, iv_surface
  QuoteUnderlying underlying = QuoteUnderlying::spx;
  QuoteKind kind = QuoteKind::price;
  Date date{};             // the session the quotes belong to
  int minutes = 16 * 60;   // New York wall-clock minutes of the quotes
  bool closing = true;     // closing quotes (else an intraday or pre-open snapshot)
  Date index_date{};       // the latest close whose index values were known at `minutes`
  std::vector<OptionQuoteRow> rows;
  std::map<Date, double> given_forwards;  // forwards stated by the file (implied-vol surfaces)

  std::string label() const;  // "2023-05-23 close" / "2022-07-12 11:40"
};

}  // namespace alvh::quotes
