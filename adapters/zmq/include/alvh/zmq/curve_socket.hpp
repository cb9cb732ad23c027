#pragma once
// CURVE options of one socket, shared by every alvh ZeroMQ server and client. Set them before
// bind/connect. Server sockets authenticate in the "alvh" ZAP domain (see ZapAuthenticator).
#include <string>

#include "alvh/zmq/curve_keys.hpp"

namespace zmq {
class socket_t;
}

namespace alvh::wire {

void make_curve_server(zmq::socket_t& socket, const std::string& server_secret_key);
void make_curve_client(zmq::socket_t& socket, const CurveClientConfig& curve);

}  // namespace alvh::wire
