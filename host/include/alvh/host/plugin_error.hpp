#pragma once
// Errors a host sees from a plug-in: the library could not be accepted (PluginLoadError), or a
// plug-in callback returned a failure status (PluginCallError).
#include <cstdint>
#include <stdexcept>
#include <string>

namespace alvh::host {

class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PluginCallError : public std::runtime_error {
 public:
  PluginCallError(std::int32_t status, std::string callback, std::string message);
  std::int32_t status() const { return status_; }
  const std::string& callback() const { return callback_; }
  const std::string& plugin_message() const { return message_; }

 private:
  std::int32_t status_;
  std::string callback_, message_;
};

}  // namespace alvh::host
