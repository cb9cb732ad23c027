#pragma once
// Where market data comes from and which dates a run covers.
#include <filesystem>
#include <optional>

#include "alvh/core/date.hpp"

namespace alvh::config {

struct DataConfig {
  std::filesystem::path dir = "../data";  // resolved against the config file's directory
  std::optional<Date> from;               // first date used (inclusive); nullopt = start of data
  std::optional<Date> to;                 // last date used (inclusive); nullopt = end of data
};

}  // namespace alvh::config
