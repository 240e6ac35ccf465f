// server: listener and TLS connections in the shape of Beast's async-ssl example — each step an
// async call and its on_ handler, every failure one fail(ec, what).
#include "http/server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "http/tls_stream.hpp"

namespace classbook::http {
namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

// One event loop per network thread, each run by its thread alone, as nginx runs one per worker:
// a connection lives on one loop from accept to close, so reading, answering and writing it never
// hand work to the other thread (a shared loop woke the other thread for nearly every step — a
// futex and a context switch each). Only the writer's answers to taps cross threads, once a tap.
// The price: a connection waits for its own thread, so a slow read on one thread holds back that
// thread's connections (argon2 hashing runs on its own pool for this reason).
struct Server::Impl {
  ServerConfig config;
  Handler handler;
  std::vector<std::unique_ptr<net::io_context>> loops;
  // A loop with no connection yet must not return from run(): each is held open until stop().
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  ssl::context tls{ssl::context::tls_server};
  std::unique_ptr<tcp::acceptor> acceptor;  // on loops[0]
  std::atomic<std::size_t> next_loop{0};
  std::atomic<std::uint64_t> open{0}, total{0}, requests{0}, tls_failures{0}, refused_per_address{0}, accept_errors{0};
  std::mutex per_address_mutex;
  std::unordered_map<std::string, int> per_address;  // open connections by peer address; no zero entries
  explicit Impl(int threads) {
    for (int i = 0; i < std::max(threads, 1); ++i) {
      loops.push_back(std::make_unique<net::io_context>(1));
      keep_running.push_back(net::make_work_guard(*loops.back()));
    }
    acceptor = std::make_unique<tcp::acceptor>(*loops[0]);
  }
  // The loop a new connection lives on: round robin.
  net::io_context& loop_for_next() { return *loops[next_loop++ % loops.size()]; }

  // Takes one of the address's slots; false when it has none left.
  bool admit(const std::string& address) {
    std::lock_guard lock(per_address_mutex);
    int& n = per_address[address];
    if (n >= config.max_connections_per_address) {
      if (n == 0) per_address.erase(address);
      return false;
    }
    ++n;
    return true;
  }
  void release(const std::string& address) {
    std::lock_guard lock(per_address_mutex);
    auto it = per_address.find(address);
    if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
  }
};

namespace {

void fail(beast::error_code ec, const char* what) {
  // A peer that closes without close_notify truncates the stream: usual for browsers, not an attack.
  if (ec == net::ssl::error::stream_truncated || ec == net::error::operation_aborted ||
      ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset)
    return;
  log::write(log::Level::debug, "http", std::string(what) + ": " + ec.message());
}

// Status line and fields, ended by the empty line.
void append_head(std::string& out, const Response& res) {
  const auto reason = res.reason();
  out.append(res.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(std::to_string(res.result_int()));
  out.append(1, ' ').append(reason.data(), reason.size()).append("\r\n");
  for (const auto& f : res) {
    const auto name = f.name_string();
    const auto value = f.value();
    out.append(name.data(), name.size()).append(": ").append(value.data(), value.size()).append("\r\n");
  }
  out.append("\r\n");
}

class Connection;

// The handle a stream's owner holds: frames are posted to the connection's loop, which writes them.
// It keeps the connection only weakly: a client that went away frees it at once.
class StreamOutlet : public Outlet {
 public:
  StreamOutlet(std::weak_ptr<Connection> c, net::any_io_executor loop) : connection_(std::move(c)), loop_(std::move(loop)) {}
  bool send(std::shared_ptr<const std::string> frame) override;
  void close() override;
  bool ended() const override { return ended_; }
  void mark_ended() { ended_ = true; }  // on the connection's loop

 private:
  std::weak_ptr<Connection> connection_;
  net::any_io_executor loop_;
  std::atomic<bool> ended_{false};
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `address` already holds one of its slots (Impl::admit); the connection gives it back at its end.
  Connection(tcp::socket&& socket, Server::Impl& server, std::string address)
      : stream_(std::move(socket), server.tls.native_handle()), server_(server) {
    peer_.address = std::move(address);
    ++server_.open;
    ++server_.total;
  }
  ~Connection() {
    server_.release(peer_.address);
    --server_.open;
  }

  void run() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::on_run, shared_from_this())); }

 private:
  void on_run() {
    stream_.expires_after(handshake_timeout);
    stream_.async_handshake(beast::bind_front_handler(&Connection::on_handshake, shared_from_this()));
  }

  void on_handshake(beast::error_code ec) {
    if (ec) {
      ++server_.tls_failures;
      return fail(ec, "handshake");
    }
    peer_.client_cert_fingerprint = verified_client_fingerprint(stream_.native_handle());
    do_read();
  }

  // The handshake already refused a certificate that does not chain to the box's CA; what is left
  // is either none or a verified one, named by the SHA-256 of its DER.
  static std::string verified_client_fingerprint(SSL* ssl) {
    X509* cert = SSL_get0_peer_certificate(ssl);
    if (!cert || SSL_get_verify_result(ssl) != X509_V_OK) return {};
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (X509_digest(cert, EVP_sha256(), md, &len) != 1) return {};
    return hex_encode(md, len);
  }

  void do_read() {
    parser_.emplace();
    parser_->body_limit(body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(header_limit));
    // The first request may take its time to arrive (idle keep-alive); once bytes flow the
    // request timeout is what bounds a slow sender.
    stream_.expires_after(first_ ? request_timeout : idle_timeout);
    const bool waiting = !first_ && buffer_.size() == 0;  // nothing of the next request is here yet
    first_ = false;
    if (waiting)
      return stream_.async_wait_readable(beast::bind_front_handler(&Connection::on_readable, shared_from_this()));
    read_request();
  }
  void on_readable(beast::error_code ec) {
    if (ec) return on_read(ec, 0);
    read_request();
  }
  void read_request() {
    limit_ = body_limit;
    if (!server_.config.body_limit_for)
      return beast::http::async_read(stream_, buffer_, *parser_,
                                     beast::bind_front_handler(&Connection::on_read, shared_from_this()));
    // Beast checks a Content-Length against the limit as the headers end, before on_header could name
    // the route's: the headers are read with none, and on_header applies the route's.
    parser_->body_limit(boost::none);
    beast::http::async_read_header(stream_, buffer_, *parser_,
                                   beast::bind_front_handler(&Connection::on_header, shared_from_this()));
  }
  // The headers name the route: a row that takes a file may read a larger body than a form's.
  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read(ec, 0);
    const auto& head = parser_->get();
    limit_ = server_.config.body_limit_for(head.method(), head.target());
    if (const auto length = parser_->content_length(); length && *length > limit_) return on_read(beast::http::error::body_limit, 0);
    parser_->body_limit(limit_);  // what a chunked body may still bring
    beast::http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == beast::http::error::end_of_stream) return do_close();
    if (ec == beast::http::error::body_limit || ec == beast::http::error::header_limit) {
      Response res{beast::http::status::payload_too_large, 11};
      res.set(beast::http::field::content_type, "application/json");
      res.body() = ec == beast::http::error::body_limit
                       ? R"({"error":{"code":"request.body_too_large","kind":"payload_too_large","message":"the request body is larger than )" +
                             std::to_string(limit_) + R"( bytes"}})"
                       : R"({"error":{"code":"request.headers_too_large","kind":"header_too_large","message":"the request headers are larger than 8192 bytes"}})";
      res.keep_alive(false);
      res.prepare_payload();
      linger_ = true;  // the client is likely still sending the rest: read it before closing
      return send(std::move(res));
    }
    if (ec) return fail(ec, "read");
    ++server_.requests;
    stream_.expires_never();
    auto self = shared_from_this();
    const bool keep = parser_->get().keep_alive();
    server_.handler(parser_->release(), peer_,
                    Respond(
                        [self, keep](Response res) {
                          res.keep_alive(keep && res.keep_alive());
                          net::post(self->stream_.get_executor(),
                                    [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
                        },
                        [self](Response head, OnStream opened) {
                          net::post(self->stream_.get_executor(),
                                    [self, head = std::move(head), opened = std::move(opened)]() mutable {
                                      self->start_stream(std::move(head), std::move(opened));
                                    });
                        }));
  }

 public:
  // --- an event stream (text/event-stream): the head, then frames until either side ends it ---
  // Runs on the connection's loop. Frames are queued by the outlet from any thread.
  void push_frame(std::shared_ptr<const std::string> frame) {
    if (ended_) return;
    if (frames_.size() >= stream_backlog) {
      // A client that stopped reading must not pile frames up here; it reconnects and resumes.
      log::write(log::Level::debug, "http", "an event stream fell " + std::to_string(stream_backlog) + " frames behind; closing it");
      return end_stream();
    }
    frames_.push_back(std::move(frame));
    if (!writing_) write_frame();
  }
  void end_stream() {
    if (ended_) return;
    ended_ = true;
    if (outlet_) outlet_->mark_ended();
    frames_.clear();
    stream_.close();
  }

 private:
  void start_stream(Response head, OnStream opened) {
    streaming_ = true;
    // No Content-Length and no chunking: the body is the stream and ends with the connection.
    head.keep_alive(false);
    std::string text;
    append_head(text, head);
    // What the request read left behind is not needed again: a stream holds as little as it can.
    parser_.reset();
    buffer_ = beast::flat_buffer();
    std::string().swap(wire_);
    push_frame(std::make_shared<const std::string>(std::move(text)));
    outlet_ = std::make_shared<StreamOutlet>(weak_from_this(), stream_.get_executor());
    // The client sends nothing more; a read ends when it goes away, and the stream with it.
    stream_.async_read_some(net::buffer(stream_in_), beast::bind_front_handler(&Connection::on_stream_read, shared_from_this()));
    opened(outlet_);
  }
  void write_frame() {
    writing_ = true;
    stream_.expires_after(request_timeout);
    net::async_write(stream_, net::buffer(*frames_.front()),
                     beast::bind_front_handler(&Connection::on_frame_written, shared_from_this()));
  }
  void on_frame_written(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (ec) {
      fail(ec, "stream write");
      return end_stream();
    }
    stream_.expires_never();
    if (!frames_.empty()) frames_.pop_front();
    if (!frames_.empty() && !ended_) write_frame();
  }
  void on_stream_read(beast::error_code ec, std::size_t) {
    if (!ec) log::write(log::Level::debug, "http", "an event-stream client sent data; closing its stream");
    else fail(ec, "stream read");
    end_stream();
  }

  // The answer goes out as one buffer — status line, fields, body — so the TLS layer encrypts it in
  // place, in as few records as its size needs: no serializer walking a sequence of small buffers,
  // no copy to flatten them. Every answer here carries its Content-Length (prepare_payload).
  void send(Response res) {
    wire_.reserve(256 + res.body().size());
    append_head(wire_, res);
    wire_.append(res.body());
    stream_.expires_after(request_timeout);
    net::async_write(stream_, net::buffer(wire_),
                     beast::bind_front_handler(&Connection::on_write, shared_from_this(), res.keep_alive()));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "write");
    std::string().swap(wire_);  // an idle connection keeps no copy of its last answer
    if (!keep_alive) return linger_ ? do_linger() : do_close();
    do_read();
  }

  // Closing while the client still writes makes its stack reset the connection, and the client
  // never reads our 413. So read and discard what is in flight, within limits, then close.
  // A byte every so often must not keep it open: the linger also ends at an absolute deadline.
  void do_linger() {
    const auto now = std::chrono::steady_clock::now();
    if (linger_ends_ == std::chrono::steady_clock::time_point{}) linger_ends_ = now + linger_deadline;
    if (now >= linger_ends_) return do_close();
    stream_.expires_after(
        std::min<std::chrono::steady_clock::duration>(linger_timeout, linger_ends_ - now));
    if (!drain_) drain_ = std::make_unique<std::array<char, 16384>>();
    stream_.async_read_some(net::buffer(*drain_),
                            beast::bind_front_handler(&Connection::on_linger, shared_from_this()));
  }
  void on_linger(beast::error_code ec, std::size_t n) {
    drained_ += n;
    if (ec || drained_ > linger_limit) return do_close();
    do_linger();
  }

  void do_close() {
    stream_.expires_after(std::chrono::seconds(5));
    stream_.async_shutdown(beast::bind_front_handler(&Connection::on_shutdown, shared_from_this()));
  }
  void on_shutdown(beast::error_code ec) {
    if (ec) fail(ec, "shutdown");
  }

  TlsStream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::string wire_;  // the answer being written
  Peer peer_;
  bool first_ = true;
  bool linger_ = false;
  std::size_t limit_ = body_limit;  // the body limit of the request being read
  std::size_t drained_ = 0;
  std::chrono::steady_clock::time_point linger_ends_{};
  std::unique_ptr<std::array<char, 16384>> drain_;  // only while lingering: most connections never do
  // An event stream: frames waiting to be written, the first being written when `writing_`.
  std::deque<std::shared_ptr<const std::string>> frames_;
  bool streaming_ = false;
  bool writing_ = false;
  bool ended_ = false;
  std::shared_ptr<StreamOutlet> outlet_;
  std::array<char, 64> stream_in_{};  // what a streaming client sends: nothing, until it goes away
};

bool StreamOutlet::send(std::shared_ptr<const std::string> frame) {
  if (ended_) return false;
  net::post(loop_, [c = connection_, frame = std::move(frame)]() mutable {
    if (auto conn = c.lock()) conn->push_frame(std::move(frame));
  });
  return true;
}

void StreamOutlet::close() {
  ended_ = true;
  net::post(loop_, [c = connection_] {
    if (auto conn = c.lock()) conn->end_stream();
  });
}

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  explicit Listener(Server::Impl& s) : server_(s), retry_(*s.loops[0]) {}
  void run() { do_accept(); }

 private:
  void do_accept() {
    server_.acceptor->async_accept(server_.loop_for_next(),
                                  beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors (EMFILE/ENFILE) or memory: retrying at once would spin. Pause, doubling.
      ++server_.accept_errors;
      log::warn("http", "accept failed: " + ec.message() + "; retrying in " +
                            std::to_string(retry_delay_.count()) + " ms");
      retry_.expires_after(retry_delay_);
      retry_delay_ = std::min<std::chrono::milliseconds>(retry_delay_ * 2, accept_retry_max);
      retry_.async_wait([self = shared_from_this()](beast::error_code e) {
        if (!e) self->do_accept();
      });
      return;
    }
    retry_delay_ = accept_retry_first;
    auto ep = socket.remote_endpoint(ec);
    const std::string address = ec ? "unknown" : ep.address().to_string();
    if (server_.open.load() >= static_cast<std::uint64_t>(max_connections)) {
      log::warn("http", "connection limit reached; refusing " + address);
    } else if (!server_.admit(address)) {
      // Closed at once (the socket's destructor): one host must not hold every slot.
      if (server_.refused_per_address++ % 1000 == 0)
        log::warn("http", address + " holds " + std::to_string(server_.config.max_connections_per_address) +
                              " connections already; refusing more");
    } else {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Connection>(std::move(socket), server_, address)->run();
    }
    do_accept();
  }
  Server::Impl& server_;
  net::steady_timer retry_;
  std::chrono::milliseconds retry_delay_ = accept_retry_first;
};

Status configure_tls(ssl::context& tls, const ServerConfig& c) {
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
  // An idle keep-alive connection (most of them: a school's browsers between clicks) gives its
  // ~34 KB of TLS record buffers back instead of holding them until it closes, as nginx does.
  SSL_CTX_set_mode(tls.native_handle(), SSL_MODE_RELEASE_BUFFERS);
  // Read what the socket has in one call, not a record's 5-byte header and then its body: a
  // request costs one read instead of two (syscalls are dear on the virtual machines schools buy).
  SSL_CTX_set_read_ahead(tls.native_handle(), 1);
  // TlsStream writes from Beast's buffers as they are, a record at a time, and may be asked again
  // with the same bytes at another address after OpenSSL wanted the socket.
  SSL_CTX_set_mode(tls.native_handle(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // A client-initiated renegotiation would make a write wait for a read: TLS 1.2 clients do not need it.
  SSL_CTX_set_options(tls.native_handle(), SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_cipher_list(tls.native_handle(), "ECDHE+AESGCM:ECDHE+CHACHA20");
  beast::error_code ec;
  tls.use_certificate_chain_file(c.cert_file, ec);
  if (ec) return make_error(Errc::unavailable, "tls.certificate_unreadable", "cannot load the server certificate " + c.cert_file + ": " + ec.message() +
                                                   " — run `classbookctl init` to create one");
  tls.use_private_key_file(c.key_file, ssl::context::pem, ec);
  if (ec) return make_error(Errc::unavailable, "tls.key_unreadable", "cannot load the server key " + c.key_file + ": " + ec.message());
  if (c.client_ca_file.empty()) return ok_status();
  // Mutual TLS for kiosks beside browsers: ask for a certificate, require none; a presented one must
  // chain to the box's CA. Naming only that CA in the request keeps browsers from offering (or
  // asking the user to pick) an unrelated certificate of their own.
  tls.load_verify_file(c.client_ca_file, ec);
  if (ec) return make_error(Errc::unavailable, "tls.ca_unreadable", "cannot load the box's CA " + c.client_ca_file + ": " + ec.message() +
                                                   " — run `classbookctl init` to create one");
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(c.client_ca_file.c_str());
  if (!names) return make_error(Errc::unavailable, "tls.ca_empty", "the box's CA file " + c.client_ca_file + " holds no certificate");
  SSL_CTX_set_client_CA_list(tls.native_handle(), names);
  tls.set_verify_mode(ssl::verify_peer);
  // Resumed sessions keep the peer's certificate; OpenSSL resumes only within a named context.
  static constexpr unsigned char session_context[] = "classbook";
  SSL_CTX_set_session_id_context(tls.native_handle(), session_context, sizeof session_context - 1);
  return ok_status();
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { stop(); }

Result<std::unique_ptr<Server>> Server::create(const ServerConfig& config, Handler handler) {
  auto impl = std::make_unique<Impl>(config.threads);
  impl->config = config;
  impl->handler = std::move(handler);
  if (auto s = configure_tls(impl->tls, config); !s) return s.error();
  beast::error_code ec;
  auto address = net::ip::make_address(config.address, ec);
  if (ec) return make_error(Errc::invalid_input, "server.listen_address_invalid", "listen address '" + config.address + "' is not an IP address");
  const tcp::endpoint ep{address, config.port};
  impl->acceptor->open(ep.protocol(), ec);
  if (!ec) impl->acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor->bind(ep, ec);
  if (!ec) impl->acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return make_error(Errc::unavailable, "server.cannot_listen", "cannot listen on " + config.address + ":" + std::to_string(config.port) +
                                             ": " + ec.message() + " — is another classbookd running?");
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return impl_->acceptor->local_endpoint().port(); }

void Server::run() {
  std::make_shared<Listener>(*impl_)->run();
  std::vector<std::thread> extra;
  for (std::size_t i = 1; i < impl_->loops.size(); ++i) extra.emplace_back([this, i] { impl_->loops[i]->run(); });
  impl_->loops[0]->run();
  for (auto& t : extra) t.join();
}

void Server::stop() {
  for (auto& guard : impl_->keep_running) guard.reset();
  for (auto& loop : impl_->loops) loop->stop();
}

ServerStats Server::stats() const {
  return {impl_->open.load(),         impl_->total.load(),
          impl_->requests.load(),     impl_->tls_failures.load(),
          impl_->refused_per_address.load(), impl_->accept_errors.load()};
}

}  // namespace classbook::http
