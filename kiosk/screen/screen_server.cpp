// screen_server: binding (loopback only), the accept loop, the keep-alive ticker, and the hand-over
// of show() and stop() from the agent's thread to the server thread.
#include "kiosk/screen/screen_server.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "classbook/common/log.hpp"
#include "kiosk/screen/screen_json.hpp"
#include "kiosk/screen/screen_routes.hpp"
#include "kiosk/screen/screen_session.hpp"
#include "classbook/common/sse.hpp"

namespace classbook::kiosk {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
constexpr const char* sse_event_name = "state";

std::shared_ptr<const std::string> state_frame(const ScreenState& s, const std::string& json) {
  return std::make_shared<const std::string>(sse::event(s.seq, sse_event_name, json));
}

// Drops the weak pointers of connections that have ended.
void prune(std::vector<std::weak_ptr<screen::Session>>& v) {
  std::erase_if(v, [](const auto& w) { return w.expired(); });
}
}  // namespace

void ScreenServer::Impl::broadcast(const std::shared_ptr<const std::string>& frame) {
  prune(streams);
  for (const auto& w : streams)
    if (auto s = w.lock()) s->push(frame);
}

void ScreenServer::Impl::shutdown() {
  stopping = true;
  boost::system::error_code ec;
  acceptor.close(ec);
  keepalive.cancel();
  for (const auto& w : sessions)
    if (auto s = w.lock()) s->close();
  sessions.clear();
  streams.clear();
}

void ScreenServer::Impl::arm_keepalive() {
  keepalive.expires_after(options.sse_keepalive);
  keepalive.async_wait([this](boost::system::error_code ec) {
    if (ec || stopping) return;
    broadcast(std::make_shared<const std::string>(sse::comment("keep-alive")));
    arm_keepalive();
  });
}

void ScreenServer::Impl::do_accept() {
  acceptor.async_accept(ioc, [this](boost::system::error_code ec, tcp::socket socket) {
    if (stopping || ec == net::error::operation_aborted) return;
    if (ec) {
      log::warn("screen", "accept: " + ec.message());
    } else if (open.load() >= screen_max_connections) {
      log::warn("screen", "connection limit reached; closing a new connection");
    } else {
      auto session = std::make_shared<screen::Session>(std::move(socket), *this);
      prune(sessions);
      sessions.push_back(session);
      session->run();
    }
    do_accept();
  });
}

ScreenServer::ScreenServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScreenServer::~ScreenServer() { stop(); }

Result<std::unique_ptr<ScreenServer>> ScreenServer::create(ScreenServerOptions options, ScreenInput& input,
                                                           std::function<void(std::function<void()>)> post_to_agent) {
  if (!post_to_agent) return make_error(Errc::invalid_input, "screen.options_invalid", "the screen server needs a way to post inputs to the agent");
  if (options.sse_keepalive.count() <= 0 || options.max_sse_clients <= 0)
    return make_error(Errc::invalid_input, "screen.options_invalid", "the screen's keep-alive period and stream limit must be positive");
  boost::system::error_code ec;
  const auto address = net::ip::make_address(options.address, ec);
  if (ec) return make_error(Errc::invalid_input, "screen.address_invalid", "screen address '" + options.address + "' is not an IP address; use 127.0.0.1");
  // The page and its inputs have no authentication: anyone who can reach the port can type a PIN.
  if (!address.is_loopback())
    return make_error(Errc::invalid_input, "screen.address_not_loopback", "screen address '" + options.address +
                                               "' is not a loopback address; the screen serves only this machine — use 127.0.0.1");

  auto impl = std::make_unique<Impl>(std::move(options), input, std::move(post_to_agent));
  const tcp::endpoint ep{address, impl->options.port};
  impl->acceptor.open(ep.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(ep, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return make_error(Errc::unavailable, "screen.cannot_listen", "cannot listen on " + impl->options.address + ":" +
                                             std::to_string(impl->options.port) + " for the screen: " + ec.message() +
                                             " — is another kiosk agent running? (port 0 picks a free one)");
  impl->port = impl->acceptor.local_endpoint().port();
  impl->allowed_hosts = screen::allowed_hosts_for(address.to_string(), impl->port);

  const ScreenState initial;
  impl->state_json = screen::screen_json(initial);
  impl->state_frame = state_frame(initial, impl->state_json);

  Impl* raw = impl.get();
  raw->do_accept();
  raw->arm_keepalive();
  raw->thread = std::thread([raw] { raw->ioc.run(); });
  auto server = std::unique_ptr<ScreenServer>(new ScreenServer(std::move(impl)));
  log::info("screen", "serving the kiosk screen at " + server->url());
  return server;
}

std::uint16_t ScreenServer::port() const { return impl_->port; }

std::string ScreenServer::url() const { return "http://" + impl_->allowed_hosts.front() + "/"; }

void ScreenServer::show(const ScreenState& state) {
  // The JSON is built here, on the caller's thread; the server thread only swaps and writes.
  auto json = std::make_shared<std::string>(screen::screen_json(state));
  auto frame = state_frame(state, *json);
  net::post(impl_->ioc, [impl = impl_.get(), json = std::move(json), frame = std::move(frame)] {
    impl->state_json = std::move(*json);
    impl->state_frame = frame;
    impl->broadcast(frame);
  });
}

void ScreenServer::stop() {
  if (!impl_->thread.joinable()) return;
  net::post(impl_->ioc, [impl = impl_.get()] { impl->shutdown(); });
  impl_->thread.join();
}

ScreenServerStats ScreenServer::stats() const {
  return {static_cast<std::size_t>(impl_->open.load()), impl_->sse_open.load(), impl_->streams_opened.load(),
          impl_->inputs.load()};
}

}  // namespace classbook::kiosk
