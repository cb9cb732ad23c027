#include "alvh/zmq/context.hpp"

#include <cerrno>

#include <zmq.hpp>

namespace alvh::wire {

Context::Context() : context_(std::make_unique<zmq::context_t>()) {}
Context::~Context() = default;

zmq::context_t& Context::native() { return *context_; }

bool interrupted(const std::exception& e) {
  const auto* z = dynamic_cast<const zmq::error_t*>(&e);
  return z != nullptr && z->num() == EINTR;
}

}  // namespace alvh::wire
