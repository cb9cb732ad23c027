#pragma once
// validate-model output: one JSON object (`summary` with the goal figures, null where the data
// has no such case; `baseline_summary` for the model before calibration; `goals`; `sessions`
// with the per-session rows and condors), a plain-text table and a self-contained report.html.
#include <ostream>
#include <string>

#include "alvh/calibration/model_validation.hpp"

namespace alvh::calibration {

std::string validation_json(const ValidationResult& r);
void write_validation_text(std::ostream& out, const ValidationResult& r);
std::string validation_html(const ValidationResult& r);

}  // namespace alvh::calibration
