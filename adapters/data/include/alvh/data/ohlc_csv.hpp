#pragma once
// Daily OHLC files (SPX, VIX) -> OhlcSeries.
//
// Cleaning rules, applied while reading (see data/SOURCES.md):
// - blank price -> missing; 0 or negative -> DataError (an index level is never 0);
// - a bar whose high, low, close (and open, if given) are all equal is a close-only record: the
//   source copied the close into the other fields, so open/high/low are missing. This covers SPX
//   before 1962 and 38 later SPX days, VIX 1990-1991 and its 2004-06-11 holiday print; a real
//   index day never has a zero range. SPX opens are then missing until 1982-04-20;
// - an open outside [low, high] is impossible and therefore missing (VIX has ~47 such opens in
//   1992-1996; its closes are good).
#include <filesystem>
#include <string>
#include <string_view>

#include "alvh/core/market_series.hpp"

namespace alvh {

struct OhlcCsvLayout {
  // Required leading header names, in this order; further columns are ignored.
  std::string_view date = "date", open = "open", high = "high", low = "low", close = "close";
};

OhlcSeries parse_ohlc_csv(std::string_view text, std::string file_name, const OhlcCsvLayout& layout);

// spx_daily.csv: date,open,high,low,close,volume,source.
OhlcSeries parse_spx_daily(std::string_view text, std::string file_name);
OhlcSeries load_spx_daily(const std::filesystem::path& path);

// vix_ohlc_daily.csv: DATE,OPEN,HIGH,LOW,CLOSE. Keeps the rows on
// NYSE holidays (CBOE extended sessions); aligning with SPX is the caller's job.
OhlcSeries parse_vix_ohlc(std::string_view text, std::string file_name);
OhlcSeries load_vix_ohlc(const std::filesystem::path& path);

}  // namespace alvh
