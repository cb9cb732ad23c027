#pragma once
// What calibrate and validate-model share: the quote files of a directory, the bundled index
// history and the observations built from both. Errors carry file:line (quotes) or
// file:line:col (data).
#include <filesystem>
#include <memory>
#include <vector>

#include "alvh/calibration/quote_observations.hpp"
#include "alvh/core/market_series.hpp"
#include "alvh/quantlib/nyse_calendar.hpp"
#include "alvh/quantlib/quantlib_pricer.hpp"
#include "alvh/quotes/quote_session.hpp"

namespace alvh::runner {

struct QuoteInputs {
  NyseCalendar calendar;
  QuantLibPricer pricer;
  std::vector<quotes::QuoteSession> sessions;
  MarketHistory history;
  calibration::ObservationSet observations;
};

// Throws std::runtime_error (quote or data error) or UsageError (no such directory).
std::unique_ptr<QuoteInputs> load_quote_inputs(const std::filesystem::path& quotes_dir,
                                               const std::filesystem::path& data_dir,
                                               const venue::SpxwModelParams& spxw);

}  // namespace alvh::runner
