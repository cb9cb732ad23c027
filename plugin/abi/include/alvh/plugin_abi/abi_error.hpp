#pragma once
// An error that maps to an alvh_status at the C boundary (bad struct, null pointer, host failure).
#include <cstdint>
#include <stdexcept>
#include <string>

#include "alvh/plugin.h"

namespace alvh::plugin_abi {

class AbiError : public std::runtime_error {
 public:
  AbiError(alvh_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  alvh_status status() const { return status_; }

 private:
  alvh_status status_;
};

// Copies `message` into err (truncated, NUL-terminated) with `status`; err may be null.
void set_error(alvh_error* err, alvh_status status, const char* message);

// "ALVH_ERR_CONFIG" etc.; "unknown status N" for anything else.
const char* status_name(std::int32_t status);

}  // namespace alvh::plugin_abi
