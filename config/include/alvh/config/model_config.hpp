#pragma once
// The `model:` section: the venue's option model parameters (docs/model.md, docs/config.md).
// The code defaults are the values `alvh calibrate` fitted to the real quotes listed in
// config/alvh.yaml, so a config without the section prices with the calibrated model.
#include "alvh/venue/option_model.hpp"

namespace alvh::config {

struct ModelConfig {
  venue::OptionModelParams params;
};

}  // namespace alvh::config
