#include "alvh/plugin_abi/abi_error.hpp"

#include <algorithm>
#include <cstring>

namespace alvh::plugin_abi {

void set_error(alvh_error* err, alvh_status status, const char* message) {
  if (!err) return;
  err->struct_size = sizeof(alvh_error);
  err->status = status;
  const std::size_t n = message ? std::min(std::strlen(message), sizeof(err->message) - 1) : 0;
  if (n) std::memcpy(err->message, message, n);
  err->message[n] = '\0';
}

const char* status_name(std::int32_t status) {
  switch (status) {
    case ALVH_OK: return "ALVH_OK";
    case ALVH_ERR_ABI: return "ALVH_ERR_ABI";
    case ALVH_ERR_ARGUMENT: return "ALVH_ERR_ARGUMENT";
    case ALVH_ERR_CONFIG: return "ALVH_ERR_CONFIG";
    case ALVH_ERR_STATE: return "ALVH_ERR_STATE";
    case ALVH_ERR_INTERNAL: return "ALVH_ERR_INTERNAL";
    case ALVH_ERR_HOST: return "ALVH_ERR_HOST";
    default: return "unknown status";
  }
}

}  // namespace alvh::plugin_abi
