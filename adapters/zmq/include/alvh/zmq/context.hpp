#pragma once
// The ZeroMQ context of a process, owned by its executable and lent to the adapter's sockets
// (client, server, clock, feed), so executables compose without including cppzmq themselves.
#include <exception>
#include <memory>

namespace zmq {
class context_t;
}

namespace alvh::wire {

class Context {
 public:
  Context();  // one I/O thread, as zmq::context_t's default
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  zmq::context_t& native();

 private:
  std::unique_ptr<zmq::context_t> context_;
};

// True when `e` is ZeroMQ's error for a call that a signal interrupted (EINTR): a poll loop then
// checks its stop flag instead of failing.
bool interrupted(const std::exception& e);

}  // namespace alvh::wire
