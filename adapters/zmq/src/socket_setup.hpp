#pragma once
// Socket options shared by client and server (private to alvh::wire).
#include <cstddef>
#include <cstdint>
#include <string>

#include <zmq.hpp>

namespace alvh::wire::detail {

// No linger (closing never blocks on unsent messages), explicit high-water marks, a transport size cap.
inline void common_options(zmq::socket_t& s, int send_hwm, int receive_hwm, std::size_t max_message_bytes) {
  s.set(zmq::sockopt::linger, 0);
  s.set(zmq::sockopt::sndhwm, send_hwm);
  s.set(zmq::sockopt::rcvhwm, receive_hwm);
  s.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(max_message_bytes));
}

inline std::string last_endpoint(const zmq::socket_t& s) { return s.get(zmq::sockopt::last_endpoint); }

}  // namespace alvh::wire::detail
