#pragma once
// One configuration problem, located in the YAML source.
#include <string>

namespace alvh::config {

struct ConfigError {
  std::string file;  // path or display name of the document
  int line = 0;      // 1-based; 0 when the problem has no position (e.g. unreadable file)
  int column = 0;    // 1-based
  std::string path;  // YAML path, e.g. "rules[2].condition"; empty for document-level problems
  std::string message;

  // "file:line:col: path: message" (position and path are left out when absent).
  std::string format() const;
};

}  // namespace alvh::config
