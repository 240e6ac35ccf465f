// tls_stream: TLS straight on the socket — OpenSSL reads and writes the descriptor itself
// (non-blocking) and Asio only says when it is readable or writable, as nginx does it.
//
// Why not Asio's ssl::stream: it keeps two 17 KiB record buffers per connection and OpenSSL's BIO
// pair two more, for the connection's whole life; 2,000 open live-update streams cost ~200 MiB that
// way (measured: 102 KiB per stream). Here an idle connection holds only OpenSSL's own state — its
// record buffers are let go between records (SSL_MODE_RELEASE_BUFFERS) — and no byte is copied
// between buffers on its way to or from the socket.
//
// The interface is what Beast's algorithms and the connection need: async_read_some and
// async_write_some (an AsyncStream for http::async_read and net::async_write), a handshake, a
// one-sided shutdown (close_notify), and expires_after / expires_never like beast::tcp_stream:
// when the time runs out, the pending operations end with beast::error::timeout. One read and one
// write may be pending at once; everything runs on the connection's own loop.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/core/error.hpp>
#include <openssl/ssl.h>

#include <chrono>
#include <cstddef>
#include <memory>

namespace classbook::http {

class TlsStream {
 public:
  using executor_type = boost::asio::any_io_executor;
  using tcp = boost::asio::ip::tcp;
  using error_code = boost::beast::error_code;

  // Takes the accepted socket; `ctx` is the server's configured context (certificates, ciphers).
  TlsStream(tcp::socket&& socket, SSL_CTX* ctx);
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  executor_type get_executor() { return core_->socket.get_executor(); }
  SSL* native_handle() { return core_->ssl; }
  tcp::socket& socket() { return core_->socket; }

  // Like beast::tcp_stream: pending and later operations end with beast::error::timeout once `d`
  // has passed, until the next expires_after or expires_never.
  void expires_after(std::chrono::steady_clock::duration d);
  void expires_never();
  // Shuts the socket down both ways and closes it; pending operations end with operation_aborted.
  void close();

  template <class Token>
  auto async_handshake(Token&& token) {
    return boost::asio::async_compose<Token, void(error_code)>(Step<Handshake>{core_}, token, core_->socket);
  }
  // Sends close_notify and does not wait for the peer's: the connection is about to close.
  template <class Token>
  auto async_shutdown(Token&& token) {
    return boost::asio::async_compose<Token, void(error_code)>(Step<Shutdown>{core_}, token, core_->socket);
  }
  // Ends when a read would find something: bytes OpenSSL already holds, or the socket readable
  // (data, or the peer closing). Waiting first instead of reading at once spares a keep-alive
  // connection a read that finds nothing — a syscall, and a record buffer set up and let go —
  // before every request after its first.
  template <class Token>
  auto async_wait_readable(Token&& token) {
    return boost::asio::async_compose<Token, void(error_code)>(Readable{core_}, token, core_->socket);
  }
  template <class MutableBuffers, class Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return boost::asio::async_compose<Token, void(error_code, std::size_t)>(
        Transfer<Read, boost::asio::mutable_buffer>{core_, first_of<boost::asio::mutable_buffer>(buffers)}, token,
        core_->socket);
  }
  template <class ConstBuffers, class Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return boost::asio::async_compose<Token, void(error_code, std::size_t)>(
        Transfer<Write, boost::asio::const_buffer>{core_, first_of<boost::asio::const_buffer>(buffers)}, token,
        core_->socket);
  }

  // What one OpenSSL call did: done (with `bytes`), wait for the socket to be readable or writable
  // and call again, or failed with `error`.
  enum class Outcome { done, want_read, want_write, failed };
  struct Attempt {
    Outcome outcome = Outcome::done;
    std::size_t bytes = 0;
    error_code error;
  };

 private:
  // Shared with the operations in flight and weakly with the timer, so that neither outlives
  // what it touches: a connection may be destroyed with a timer handler already queued.
  struct Core {
    Core(tcp::socket&& s, SSL_CTX* ctx);
    ~Core();
    tcp::socket socket;
    boost::asio::steady_timer timer;
    SSL* ssl = nullptr;
    bool timed_out = false;
    bool broken = false;  // a fatal SSL or socket error: no close_notify may follow
    Attempt handshake();
    Attempt shutdown();
    Attempt read(void* data, std::size_t size);
    Attempt write(const void* data, std::size_t size);
    Attempt failure(int ret);
    // An error from a socket wait, as the caller should see it: a timeout when the timer fired.
    error_code waited(error_code ec) const;
  };

  struct Handshake {
    static Attempt attempt(Core& c) { return c.handshake(); }
  };
  struct Shutdown {
    static Attempt attempt(Core& c) { return c.shutdown(); }
  };
  struct Read {
    static Attempt attempt(Core& c, boost::asio::mutable_buffer b) { return c.read(b.data(), b.size()); }
  };
  struct Write {
    static Attempt attempt(Core& c, boost::asio::const_buffer b) { return c.write(b.data(), b.size()); }
  };

  template <class Buffer, class Buffers>
  static Buffer first_of(const Buffers& buffers) {
    for (auto b : boost::beast::buffers_range_ref(buffers))
      if (b.size() > 0) return Buffer(b);
    return Buffer();
  }

  // The shape of every operation: try the call; if OpenSSL wants the socket, wait for it and try
  // again; a result ready at once is posted, never handed over inside the initiating call.
  enum class Stage { start, waiting, posted };

  template <class Kind>
  struct Step {
    std::shared_ptr<Core> core;
    Stage stage = Stage::start;
    error_code result{};
    template <class Self>
    void operator()(Self& self, error_code ec = {}) {
      if (stage == Stage::posted) return self.complete(result);
      if (stage == Stage::waiting && ec) return self.complete(core->waited(ec));
      const auto a = Kind::attempt(*core);
      if (a.outcome == Outcome::want_read || a.outcome == Outcome::want_write) {
        stage = Stage::waiting;
        return core->socket.async_wait(a.outcome == Outcome::want_read ? tcp::socket::wait_read : tcp::socket::wait_write,
                                       std::move(self));
      }
      if (stage == Stage::waiting) return self.complete(a.error);
      stage = Stage::posted;
      result = a.error;
      boost::asio::post(core->socket.get_executor(), std::move(self));
    }
  };

  struct Readable {
    std::shared_ptr<Core> core;
    bool started = false;
    template <class Self>
    void operator()(Self& self, error_code ec = {}) {
      if (started) return self.complete(core->waited(ec));
      started = true;
      if (core->timed_out) return self.complete(boost::beast::error::timeout);
      if (core->ssl && SSL_has_pending(core->ssl)) return boost::asio::post(core->socket.get_executor(), std::move(self));
      core->socket.async_wait(tcp::socket::wait_read, std::move(self));
    }
  };

  template <class Kind, class Buffer>
  struct Transfer {
    std::shared_ptr<Core> core;
    Buffer buffer;
    Stage stage = Stage::start;
    error_code result{};
    std::size_t bytes = 0;
    template <class Self>
    void operator()(Self& self, error_code ec = {}) {
      if (stage == Stage::posted) return self.complete(result, bytes);
      if (stage == Stage::waiting && ec) return self.complete(core->waited(ec), 0);
      if (core->timed_out) return finish(self, boost::beast::error::timeout, 0);
      const auto a = buffer.size() == 0 ? Attempt{} : Kind::attempt(*core, buffer);
      if (a.outcome == Outcome::want_read || a.outcome == Outcome::want_write) {
        stage = Stage::waiting;
        return core->socket.async_wait(a.outcome == Outcome::want_read ? tcp::socket::wait_read : tcp::socket::wait_write,
                                       std::move(self));
      }
      finish(self, a.error, a.bytes);
    }
    template <class Self>
    void finish(Self& self, error_code ec, std::size_t n) {
      if (stage == Stage::waiting) return self.complete(ec, n);
      stage = Stage::posted;
      result = ec;
      bytes = n;
      boost::asio::post(core->socket.get_executor(), std::move(self));
    }
  };

  std::shared_ptr<Core> core_;
};

}  // namespace classbook::http
