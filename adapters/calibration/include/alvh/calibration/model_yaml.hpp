#pragma once
// The `model:` config section (docs/config.md) holding fitted parameters, with comments saying
// what they were fitted on and how well; `alvh calibrate` prints or writes it.
#include <string>

#include "alvh/calibration/model_fit.hpp"

namespace alvh::calibration {

// `source` names the quote directory (a comment; the numbers are what the config reads).
std::string model_yaml(const CalibrationResult& r, const std::string& source);

}  // namespace alvh::calibration
