#include "alvh/zmq/zap_authenticator.hpp"

#include <iterator>
#include <set>
#include <stdexcept>
#include <string_view>

#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace alvh::wire {

namespace {
constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";  // fixed by the ZAP RFC (27/ZAP)
constexpr int kMaxRequestsPerServe = 1000;
}  // namespace

struct ZapAuthenticator::Impl {
  zmq::socket_t rep;
  std::set<std::string> allowed;
  std::uint64_t denied = 0;

  Impl(zmq::context_t& ctx, std::vector<std::string> keys)
      : rep(ctx, zmq::socket_type::rep), allowed(keys.begin(), keys.end()) {
    rep.set(zmq::sockopt::linger, 0);
    try {
      rep.bind(kZapEndpoint);
    } catch (const zmq::error_t& e) {
      throw std::runtime_error(std::string("cannot bind the ZAP handler (one CURVE server per context): ") + e.what());
    }
  }

  // [version, request id, domain, address, identity, mechanism, credentials...]; true = admitted.
  bool answer(std::vector<zmq::message_t>& frames) {
    if (frames.size() < 6) return true;  // not a ZAP request: nothing to answer, nothing denied
    const std::string version(frames[0].to_string_view());
    const std::string request_id(frames[1].to_string_view());
    const std::string_view mechanism = frames[5].to_string_view();
    bool ok = false;
    if (mechanism == "CURVE" && frames.size() >= 7 && frames[6].size() == 32) {
      char z85[41] = {};
      if (zmq_z85_encode(z85, static_cast<const std::uint8_t*>(frames[6].data()), 32)) ok = allowed.count(z85) > 0;
    }
    const std::string_view code = ok ? "200" : "400";
    const std::string_view text = ok ? "OK" : "client key not allowed";
    rep.send(zmq::buffer(version), zmq::send_flags::sndmore);
    rep.send(zmq::buffer(request_id), zmq::send_flags::sndmore);
    rep.send(zmq::buffer(code), zmq::send_flags::sndmore);
    rep.send(zmq::buffer(text), zmq::send_flags::sndmore);
    rep.send(zmq::str_buffer(""), zmq::send_flags::sndmore);  // user id
    rep.send(zmq::str_buffer(""), zmq::send_flags::none);     // metadata
    return ok;
  }
};

ZapAuthenticator::ZapAuthenticator(zmq::context_t& context, std::vector<std::string> allowed_client_keys)
    : impl_(std::make_unique<Impl>(context, std::move(allowed_client_keys))) {}
ZapAuthenticator::~ZapAuthenticator() = default;

std::size_t ZapAuthenticator::serve() {
  std::size_t denied = 0;
  std::vector<zmq::message_t> frames;
  for (int n = 0; n < kMaxRequestsPerServe; ++n) {
    frames.clear();
    if (!zmq::recv_multipart(impl_->rep, std::back_inserter(frames), zmq::recv_flags::dontwait)) break;
    if (!impl_->answer(frames)) ++denied;
  }
  impl_->denied += denied;
  return denied;
}

std::uint64_t ZapAuthenticator::denied() const { return impl_->denied; }
void* ZapAuthenticator::native_handle() const { return impl_->rep.handle(); }

}  // namespace alvh::wire
