// tls_stream: the OpenSSL calls and what their results mean for the caller.
#include "http/tls_stream.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>

#include <cerrno>

namespace classbook::http {
namespace net = boost::asio;

TlsStream::Core::Core(tcp::socket&& s, SSL_CTX* ctx) : socket(std::move(s)), timer(socket.get_executor()) {
  ssl = SSL_new(ctx);
  boost::system::error_code ec;
  socket.native_non_blocking(true, ec);  // OpenSSL reads and writes the descriptor itself
  if (ssl) {
    SSL_set_fd(ssl, static_cast<int>(socket.native_handle()));
    SSL_set_accept_state(ssl);
  }
}

TlsStream::Core::~Core() {
  if (ssl) SSL_free(ssl);
}

TlsStream::TlsStream(tcp::socket&& socket, SSL_CTX* ctx) : core_(std::make_shared<Core>(std::move(socket), ctx)) {}

void TlsStream::expires_after(std::chrono::steady_clock::duration d) {
  core_->timed_out = false;
  core_->timer.expires_after(d);
  core_->timer.async_wait([weak = std::weak_ptr<Core>(core_)](error_code ec) {
    if (ec) return;  // cancelled or re-armed
    auto core = weak.lock();
    if (!core) return;
    core->timed_out = true;
    error_code ignored;
    core->socket.cancel(ignored);  // the waits end; each operation then says "timeout"
  });
}

void TlsStream::expires_never() {
  core_->timed_out = false;
  core_->timer.cancel();
}

void TlsStream::close() {
  error_code ec;
  core_->timer.cancel();
  core_->socket.shutdown(tcp::socket::shutdown_both, ec);
  core_->socket.close(ec);
  core_->broken = true;
}

TlsStream::error_code TlsStream::Core::waited(error_code ec) const {
  return timed_out ? error_code(boost::beast::error::timeout) : ec;
}

// After a call that did not succeed: wait for the socket, or the error as Asio's ssl::stream would
// have said it (so that callers tell a usual goodbye from a fault the same way as before).
TlsStream::Attempt TlsStream::Core::failure(int ret) {
  const int e = SSL_get_error(ssl, ret);
  if (e == SSL_ERROR_WANT_READ) return {Outcome::want_read, 0, {}};
  if (e == SSL_ERROR_WANT_WRITE) return {Outcome::want_write, 0, {}};
  Attempt a{Outcome::failed, 0, {}};
  if (e == SSL_ERROR_ZERO_RETURN) {
    a.error = net::error::eof;  // the peer's close_notify
    return a;
  }
  broken = true;
  if (e == SSL_ERROR_SYSCALL) {
    const unsigned long queued = ERR_get_error();
    if (queued != 0) {
      a.error = error_code(static_cast<int>(queued), net::error::get_ssl_category());
    } else if (errno != 0 && errno != EAGAIN) {
      a.error = error_code(errno, boost::system::system_category());
    } else {
      a.error = net::ssl::error::stream_truncated;  // closed without close_notify: usual for browsers
    }
  } else {
    const unsigned long queued = ERR_get_error();
    a.error = error_code(static_cast<int>(queued ? queued : static_cast<unsigned long>(e)), net::error::get_ssl_category());
  }
  ERR_clear_error();
  return a;
}

TlsStream::Attempt TlsStream::Core::handshake() {
  if (!ssl) return {Outcome::failed, 0, error_code(ENOMEM, boost::system::system_category())};
  ERR_clear_error();
  errno = 0;
  const int r = SSL_do_handshake(ssl);
  return r == 1 ? Attempt{} : failure(r);
}

TlsStream::Attempt TlsStream::Core::shutdown() {
  if (!ssl || broken || !SSL_is_init_finished(ssl)) return {};
  ERR_clear_error();
  errno = 0;
  const int r = SSL_shutdown(ssl);
  if (r >= 0) return {};  // 0: close_notify sent, the peer's not awaited; 1: both done
  auto a = failure(r);
  if (a.outcome == Outcome::want_read) return {};  // only the peer's close_notify is missing
  return a;
}

TlsStream::Attempt TlsStream::Core::read(void* data, std::size_t size) {
  if (!ssl) return {Outcome::failed, 0, net::error::bad_descriptor};
  ERR_clear_error();
  errno = 0;
  std::size_t got = 0;
  const int r = SSL_read_ex(ssl, data, size, &got);
  if (r == 1) return {Outcome::done, got, {}};
  auto a = failure(r);
  // Nothing came: OpenSSL keeps the ~17 KiB read buffer it set up until data does, which on an idle
  // keep-alive connection or an open live stream is most of what the connection holds. Give it
  // back; the next read sets one up again (a malloc the allocator serves from its free lists).
  if (a.outcome == Outcome::want_read && !SSL_has_pending(ssl)) (void)SSL_free_buffers(ssl);
  return a;
}

TlsStream::Attempt TlsStream::Core::write(const void* data, std::size_t size) {
  if (!ssl) return {Outcome::failed, 0, net::error::bad_descriptor};
  ERR_clear_error();
  errno = 0;
  std::size_t wrote = 0;
  const int r = SSL_write_ex(ssl, data, size, &wrote);
  if (r == 1) return {Outcome::done, wrote, {}};
  return failure(r);
}

}  // namespace classbook::http
