#include "alvh/config/config_error.hpp"

namespace alvh::config {

std::string ConfigError::format() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": ";
  if (!path.empty()) s += path + ": ";
  return s + message;
}

}  // namespace alvh::config
