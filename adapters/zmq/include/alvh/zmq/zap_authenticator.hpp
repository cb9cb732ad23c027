#pragma once
// The ZAP handler (RFC 27) of a CURVE server: answers libzmq's authentication requests, admitting
// only the listed client public keys. Single-threaded: the owner polls native_handle() with its own
// sockets and calls serve() when it is readable; until then CURVE handshakes wait.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace zmq {
class context_t;
}

namespace alvh::wire {

class ZapAuthenticator {
 public:
  // Binds the context's ZAP endpoint; libzmq allows one handler per context, so a second one throws
  // std::runtime_error. An empty key list admits nobody.
  ZapAuthenticator(zmq::context_t& context, std::vector<std::string> allowed_client_keys);
  ~ZapAuthenticator();
  ZapAuthenticator(const ZapAuthenticator&) = delete;
  ZapAuthenticator& operator=(const ZapAuthenticator&) = delete;

  // Answers the pending requests (a bounded number, so a flood cannot starve the owner's loop).
  // Returns how many of them were denied.
  std::size_t serve();
  std::uint64_t denied() const;  // since construction
  void* native_handle() const;   // the REP socket, for zmq_poll

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alvh::wire
