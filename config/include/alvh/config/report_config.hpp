#pragma once
// Which events and windows the report studies (docs/references.md §R8, §R9).
#include <filesystem>
#include <string>
#include <vector>

#include "alvh/core/date.hpp"

namespace alvh::config {

struct ReportWindow {
  std::string name;
  Date from;
  Date to;
};

struct ReportConfig {
  std::filesystem::path output_dir = "../reports";  // resolved against the config file's directory
  std::vector<Date> crash_events = {
      make_date(2008, 9, 29), make_date(2008, 10, 15), make_date(2010, 5, 6), make_date(2011, 8, 8),
      make_date(2015, 8, 24), make_date(2018, 2, 5),   make_date(2020, 3, 9), make_date(2020, 3, 12),
      make_date(2020, 3, 16), make_date(2022, 9, 13),  make_date(2024, 8, 5)};
  double crash_threshold = -0.03;    // SPX close-to-close return at or below this is an event
  double gap_threshold = -0.02;      // SPX overnight gap (open vs previous close) at or below this
  double vix_jump_threshold = 0.40;  // spot VIX close-to-close change at or above this
  std::vector<ReportWindow> windows = {
      {"covid_2020", make_date(2020, 2, 20), make_date(2020, 3, 23)},
      {"gfc_2008", make_date(2008, 9, 15), make_date(2008, 11, 20)},
  };
  std::vector<double> cvar_levels = {0.95, 0.99};
  // Also run every variant with the condor's VIX gate and the rules' skip/scale actions switched
  // off ("ungated:" variants), so the crash table has a condor on every crash day that has a
  // next-day expiry: the gated book is mostly flat on crash days, which hides the hedge's effect.
  bool stress_without_gates = true;
};

}  // namespace alvh::config
