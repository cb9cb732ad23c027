#pragma once
// Layout readers (private to alvh::quotes); each takes the file's lines.
#include <string>
#include <vector>

#include "alvh/quotes/quote_reader.hpp"

namespace alvh::quotes::detail {

bool is_cboe_delayed(const std::vector<std::string>& lines);
QuoteSession read_cboe_delayed(const std::string& file, const std::vector<std::string>& lines,
                               const ExchangeCalendar& calendar);

bool is_datashop_eod(const std::vector<std::string>& lines);
std::vector<QuoteSession> read_datashop_eod(const std::string& file, const std::vector<std::string>& lines,
                                            const ExchangeCalendar& calendar);

bool is_vendor_eod(const std::vector<std::string>& lines);
std::vector<QuoteSession> read_vendor_eod(const std::string& file, const std::vector<std::string>& lines,
                                          const ExchangeCalendar& calendar);

bool is_iv_surface(const std::vector<std::string>& lines);
QuoteSession read_iv_surface(const std::string& file, const std::vector<std::string>& lines,
                             const ExchangeCalendar& calendar);

}  // namespace alvh::quotes::detail
