// `alvh calibrate --quotes DIR [--out FILE]`: fits the option model (SPXW variance clock, ATM
// ratios, smile, quote widths; VIX option term exponent and smile) to real quotes and prints (or
// writes) the `model:` YAML section with the data it came from as comments.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>

#include "alvh/calibration/model_fit.hpp"
#include "alvh/calibration/model_yaml.hpp"
#include "command.hpp"
#include "market_inputs.hpp"
#include "quote_inputs.hpp"

namespace alvh::runner {

namespace {

struct CalibrateArgs {
  std::string quotes;
  std::optional<std::string> out, config, data;
};

}  // namespace

Action add_calibrate_command(CLI::App& app, Io io) {
  auto args = std::make_shared<CalibrateArgs>();
  auto* sub = app.add_subcommand(
      "calibrate", "Fit the option model to real option quotes and print the model: YAML section (or write it to --out)");
  sub->add_option("--quotes", args->quotes,
                  "directory of quote files (Cboe delayed chains .csv/.dat, DataShop EOD, vendor EOD, implied-vol "
                  "surfaces); read recursively")
      ->required();
  sub->add_option("--out", args->out, "write the model: section to this file instead of stdout");
  sub->add_option("--config", args->config, "YAML config whose model: section is the first guess (default: code defaults)");
  sub->add_option("--data", args->data, "data directory with the VIX-family indices (default: data.dir of the config, else the bundled data)");
  return [args, io] {
    const auto t0 = std::chrono::steady_clock::now();
    config::AlvhConfig cfg;
    if (args->config) cfg = load_config_or_throw(*args->config);
    const std::filesystem::path data =
        args->data ? std::filesystem::path(*args->data)
                   : (args->config ? cfg.data.dir : std::filesystem::path(ALVH_DEFAULT_DATA_DIR));
    io.err << "reading quotes under " << args->quotes << " ...\n";
    const auto in = load_quote_inputs(args->quotes, data, cfg.model.params.spxw);
    const auto& obs = in->observations;
    io.err << in->sessions.size() << " sessions, " << obs.spxw.size() << " SPXW and " << obs.vix.size()
           << " VIX option quotes; fitting ...\n";
    const auto result = calibration::calibrate(obs, cfg.model.params);
    const std::string yaml = calibration::model_yaml(result, args->quotes);
    if (args->out) {
      std::ofstream f(*args->out);
      if (!f) throw std::runtime_error(*args->out + ": cannot write");
      f << yaml;
    } else {
      io.out << yaml;
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    char buf[160];
    std::snprintf(buf, sizeof buf, "calibrated in %.2f s (SPXW %d and VIX %d loss evaluations)\n", secs,
                  result.spxw.evaluations, result.vix.evaluations);
    io.err << buf;
    for (const auto& n : obs.notes) io.err << "note: " << n << "\n";
    return 0;
  };
}

}  // namespace alvh::runner
