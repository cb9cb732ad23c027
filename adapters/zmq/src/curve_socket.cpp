#include "alvh/zmq/curve_socket.hpp"

#include <zmq.hpp>

namespace alvh::wire {

void make_curve_server(zmq::socket_t& socket, const std::string& server_secret_key) {
  socket.set(zmq::sockopt::zap_domain, "alvh");  // a domain makes libzmq ask the ZAP handler
  socket.set(zmq::sockopt::curve_server, true);
  socket.set(zmq::sockopt::curve_secretkey, server_secret_key);
}

void make_curve_client(zmq::socket_t& socket, const CurveClientConfig& curve) {
  socket.set(zmq::sockopt::curve_serverkey, curve.server_public_key);
  socket.set(zmq::sockopt::curve_publickey, curve.client.public_key);
  socket.set(zmq::sockopt::curve_secretkey, curve.client.secret_key);
}

}  // namespace alvh::wire
