// wire::Context: the process's ZeroMQ context behind a header without cppzmq, and interrupted(),
// which executables use to tell a signal-interrupted poll from a real failure.
#include <catch2/catch.hpp>

#include <cerrno>
#include <stdexcept>

#include <zmq.hpp>

#include "alvh/zmq/context.hpp"

using namespace alvh;

TEST_CASE("a wire::Context lends a working ZeroMQ context to the sockets built on it") {
  wire::Context context;
  zmq::socket_t a(context.native(), zmq::socket_type::pair), b(context.native(), zmq::socket_type::pair);
  a.bind("inproc://context-test");
  b.connect("inproc://context-test");
  REQUIRE(a.send(zmq::str_buffer("ping"), zmq::send_flags::none));
  zmq::message_t m;
  REQUIRE(b.recv(m, zmq::recv_flags::none));
  CHECK(m.to_string() == "ping");
}

TEST_CASE("interrupted() is true only for ZeroMQ's EINTR, not for its other errors or other exceptions") {
  errno = EINTR;
  const zmq::error_t eintr;  // cppzmq's error_t takes the current zmq_errno()
  errno = EAGAIN;
  const zmq::error_t eagain;
  CAPTURE(eintr.num(), eagain.num());
  CHECK(wire::interrupted(eintr));
  CHECK_FALSE(wire::interrupted(eagain));
  CHECK_FALSE(wire::interrupted(std::runtime_error("Interrupted system call")));
}
