#include "quote_inputs.hpp"

#include "alvh/data/market_history_loader.hpp"
#include "alvh/quotes/quote_reader.hpp"
#include "command.hpp"

namespace alvh::runner {

std::unique_ptr<QuoteInputs> load_quote_inputs(const std::filesystem::path& quotes_dir,
                                               const std::filesystem::path& data_dir,
                                               const venue::SpxwModelParams& spxw) {
  if (!std::filesystem::is_directory(quotes_dir))
    throw UsageError("--quotes: '" + quotes_dir.string() + "' is not a directory");
  auto in = std::make_unique<QuoteInputs>();
  try {
    in->sessions = quotes::read_quote_dir(quotes_dir, in->calendar);
  } catch (const quotes::QuoteError& e) {
    throw std::runtime_error(e.what());
  }
  if (in->sessions.empty()) throw UsageError("--quotes: no quote files (*.csv, *.dat) under '" + quotes_dir.string() + "'");
  in->history = load_market_history(data_dir);
  const venue::SpxwOptionModel model(in->pricer, spxw);
  in->observations = calibration::build_observations(in->sessions, in->history, in->pricer, model);
  return in;
}

}  // namespace alvh::runner
