// `alvh validate-model --quotes DIR [--config FILE] [--json] [--html FILE]`: the option model's
// prices against real quotes, per session, tenor and delta bucket, plus the condor the strategy
// would sell; the summary states each goal as met, missed or without data. Exit 0 either way
// (the numbers are the answer); 1 on bad input.
#include <chrono>
#include <fstream>
#include <optional>

#include "alvh/calibration/model_validation.hpp"
#include "alvh/calibration/validation_report.hpp"
#include "command.hpp"
#include "market_inputs.hpp"
#include "quote_inputs.hpp"

namespace alvh::runner {

namespace {

struct ValidateArgs {
  std::string quotes;
  std::optional<std::string> config, data, html;
  bool json = false;
};

}  // namespace

Action add_validate_model_command(CLI::App& app, Io io) {
  auto args = std::make_shared<ValidateArgs>();
  auto* sub = app.add_subcommand(
      "validate-model",
      "Measure the option model against real option quotes: model mid vs real mid per session, tenor and delta "
      "bucket, and the condor the strategy would sell (real vs model credit)");
  sub->add_option("--quotes", args->quotes,
                  "directory of quote files (Cboe delayed chains .csv/.dat, DataShop EOD, vendor EOD, implied-vol "
                  "surfaces); read recursively")
      ->required();
  sub->add_option("--config", args->config, "YAML config whose model: and strategy sections are used (default: code defaults)");
  sub->add_option("--data", args->data, "data directory with the VIX-family indices (default: data.dir of the config, else the bundled data)");
  sub->add_flag("--json", args->json, "print one JSON object (summary, baseline_summary, goals, sessions)");
  sub->add_option("--html", args->html, "also write the table as an HTML report to this file");
  return [args, io] {
    config::AlvhConfig cfg;
    if (args->config) cfg = load_config_or_throw(*args->config);
    const std::filesystem::path data =
        args->data ? std::filesystem::path(*args->data)
                   : (args->config ? cfg.data.dir : std::filesystem::path(ALVH_DEFAULT_DATA_DIR));
    if (!args->json) io.err << "reading quotes under " << args->quotes << " ...\n";
    const auto in = load_quote_inputs(args->quotes, data, cfg.model.params.spxw);
    const auto result = calibration::validate_model(in->observations, cfg.model.params, cfg.condor, in->pricer);
    if (args->html) {
      std::ofstream f(*args->html);
      if (!f) throw std::runtime_error(*args->html + ": cannot write");
      f << calibration::validation_html(result);
    }
    if (args->json) io.out << calibration::validation_json(result) << "\n";
    else calibration::write_validation_text(io.out, result);
    return 0;
  };
}

}  // namespace alvh::runner
