// https_client: Beast's async client steps (resolve, connect, handshake, write, read) as on_ pairs
// on one Impl; a single deadline timer per exchange closes the socket when the time is up.
#include "kiosk/uplink/https_client.hpp"

#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <deque>
#include <optional>

#include "classbook/common/log.hpp"
#include "classbook/common/host_names.hpp"
#include "kiosk/core/pin_buffer.hpp"

namespace classbook::kiosk {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

struct HttpsClient::Impl : std::enable_shared_from_this<Impl> {
  struct Pending {
    HttpRequest request;
    std::function<void(HttpResult)> done;
    steady::time_point deadline;
    std::chrono::milliseconds timeout;  // what the deadline allowed, for messages
    bool resent = false;
  };

  Impl(net::io_context& io, ssl::context& tls, HttpsOptions o)
      : io(io), tls(tls), options(std::move(o)), resolver(io), deadline_timer(io), wait_timer(io) {}

  net::io_context& io;
  ssl::context& tls;
  HttpsOptions options;
  tcp::resolver resolver;
  net::steady_timer deadline_timer;  // the current exchange's deadline
  net::steady_timer wait_timer;      // back-off before reconnecting
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;
  http::request<http::string_body> out;
  std::optional<http::response_parser<http::string_body>> parser;
  std::deque<Pending> queue;
  bool busy = false;        // an exchange for queue.front() is under way
  bool connected = false;   // stream holds an open, idle-able connection
  bool reused = false;      // the current exchange runs on a connection that served before
  bool timed_out = false;
  bool closed = false;
  bool out_secret = false;  // `out` carries a PIN
  std::uint64_t exchange = 0;  // stale timer callbacks compare this
  steady::time_point next_connect{};
  std::chrono::milliseconds backoff{0};
  std::string last_connect_error;
  HttpsStats stats;

  // --- queue ------------------------------------------------------------------------------------
  void pump() {
    while (!busy && !closed && !queue.empty()) {
      auto& p = queue.front();
      const auto now = steady::now();
      if (now >= p.deadline) {
        finish(failed("no answer within " + seconds_text() +
                      (last_connect_error.empty() ? "" : " (last attempt: " + last_connect_error + ")")));
        continue;
      }
      busy = true;
      timed_out = false;
      ++exchange;
      arm_deadline(p.deadline);
      if (connected && still_open()) {
        reused = true;
        return write();
      }
      drop_connection();
      if (now < next_connect) return wait_then_connect(std::min(next_connect, p.deadline));
      return connect();
    }
  }

  void arm_deadline(steady::time_point at) {
    deadline_timer.expires_at(at);
    deadline_timer.async_wait([self = shared_from_this(), ex = exchange](beast::error_code ec) {
      if (ec || self->closed || ex != self->exchange || !self->busy) return;
      self->timed_out = true;
      self->abort_io();
    });
  }

  void wait_then_connect(steady::time_point at) {
    wait_timer.expires_at(at);
    wait_timer.async_wait([self = shared_from_this(), ex = exchange](beast::error_code) {
      if (self->closed || ex != self->exchange) return;
      if (self->timed_out) return self->fail_exchange("no answer within " + self->seconds_text());
      if (steady::now() < self->next_connect) return self->fail_exchange(self->backoff_text());
      self->connect();
    });
  }

  // --- connecting -------------------------------------------------------------------------------
  void connect() {
    ++stats.connections;
    reused = false;
    stream.emplace(io, tls);
    buffer.clear();
    if (!is_ip_address(options.host)) SSL_set_tlsext_host_name(stream->native_handle(), options.host.c_str());
    stream->set_verify_mode(ssl::verify_peer);
    stream->set_verify_callback(ssl::host_name_verification(options.host));
    resolver.async_resolve(options.host, std::to_string(options.port),
                           beast::bind_front_handler(&Impl::on_resolve, shared_from_this(), exchange));
  }

  void on_resolve(std::uint64_t ex, beast::error_code ec, tcp::resolver::results_type results) {
    if (stale(ex)) return;
    if (ec) return connect_failed(ec, "resolving " + options.host);
    beast::get_lowest_layer(*stream).async_connect(
        results, beast::bind_front_handler(&Impl::on_connect, shared_from_this(), ex));
  }

  void on_connect(std::uint64_t ex, beast::error_code ec, const tcp::endpoint&) {
    if (stale(ex)) return;
    if (ec) return connect_failed(ec, "connecting to " + options.host_header);
    beast::error_code ignored;
    beast::get_lowest_layer(*stream).socket().set_option(tcp::no_delay(true), ignored);
    stream->async_handshake(ssl::stream_base::client,
                            beast::bind_front_handler(&Impl::on_handshake, shared_from_this(), ex));
  }

  void on_handshake(std::uint64_t ex, beast::error_code ec) {
    if (stale(ex)) return;
    if (ec) return connect_failed(ec, "TLS with " + options.host_header);
    connected = true;
    backoff = std::chrono::milliseconds(0);
    last_connect_error.clear();
    write();
  }

  void connect_failed(beast::error_code ec, const std::string& what) {
    backoff = backoff.count() == 0 ? options.backoff_min : std::min(backoff * 2, options.backoff_max);
    next_connect = steady::now() + backoff;
    last_connect_error = what + ": " + describe(ec);
    drop_connection();
    fail_exchange(timed_out ? "no answer within " + seconds_text() + " (" + what + ")" : last_connect_error);
  }

  // --- one exchange -------------------------------------------------------------------------------
  void write() {
    const auto& r = queue.front().request;
    out = {};
    out.method(r.method == "POST" ? http::verb::post : r.method == "DELETE" ? http::verb::delete_ : http::verb::get);
    out.target(r.target);
    out.version(11);
    out.set(http::field::host, options.host_header);
    out.set(http::field::user_agent, options.user_agent);
    out.set(http::field::accept, r.accept);
    if (!r.body.empty()) out.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : r.headers) out.set(name, value);
    out.body() = r.body;
    out_secret = r.secret;
    out.keep_alive(true);
    out.prepare_payload();
    ++stats.requests;
    http::async_write(*stream, out, beast::bind_front_handler(&Impl::on_write, shared_from_this(), exchange));
  }

  void on_write(std::uint64_t ex, beast::error_code ec, std::size_t) {
    if (out_secret) wipe_string(out.body());
    if (stale(ex)) return;
    if (ec) return io_failed(ec, "sending", false);
    parser.emplace();
    parser->body_limit(uplink_body_limit);
    http::async_read(*stream, buffer, *parser, beast::bind_front_handler(&Impl::on_read, shared_from_this(), ex));
  }

  void on_read(std::uint64_t ex, beast::error_code ec, std::size_t) {
    if (stale(ex)) return;
    if (ec) return io_failed(ec, "reading the answer", parser && parser->got_some());
    auto res = parser->release();
    HttpResult result;
    result.reached = true;
    result.status = static_cast<int>(res.result_int());
    result.body = std::move(res.body());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      result.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    if (!res.keep_alive()) drop_connection();
    finish_exchange(std::move(result));
  }

  // A reused connection the box had already closed: nothing was processed, so an idempotent
  // request goes again at once on a new connection.
  void io_failed(beast::error_code ec, const std::string& what, bool answer_started) {
    drop_connection();
    auto& p = queue.front();
    if (!timed_out && reused && !answer_started && !p.resent && p.request.idempotent) {
      p.resent = true;
      busy = false;
      deadline_timer.cancel();
      log::write(log::Level::debug, "uplink", "kept-alive connection was closed (" + describe(ec) + "); reconnecting");
      return pump();
    }
    fail_exchange(timed_out ? "no answer within " + seconds_text() : what + ": " + describe(ec));
  }

  // --- ending -------------------------------------------------------------------------------------
  void fail_exchange(const std::string& why) { finish_exchange(failed(why)); }

  void finish_exchange(HttpResult r) {
    busy = false;
    deadline_timer.cancel();
    finish(std::move(r));
    pump();
  }

  void finish(HttpResult r) {
    auto p = std::move(queue.front());
    queue.pop_front();
    if (p.request.secret) wipe_string(p.request.body);
    net::post(io, [self = shared_from_this(), done = std::move(p.done), r = std::move(r)]() mutable {
      if (!self->closed) done(std::move(r));
    });
  }

  bool stale(std::uint64_t ex) const { return closed || ex != exchange || !busy; }

  void abort_io() {
    resolver.cancel();
    if (stream) {
      beast::error_code ignored;
      beast::get_lowest_layer(*stream).socket().close(ignored);
    }
    wait_timer.cancel();
  }

  void drop_connection() {
    if (stream) {
      beast::error_code ignored;
      beast::get_lowest_layer(*stream).socket().close(ignored);
    }
    connected = false;
  }

  // An idle kept-alive socket with something to read (a close_notify, or EOF) is dead.
  bool still_open() {
    const int fd = beast::get_lowest_layer(*stream).socket().native_handle();
    char byte;
    const auto n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

  HttpResult failed(std::string why) const {
    HttpResult r;
    r.error = std::move(why);
    return r;
  }
  std::string seconds_text() const {
    const auto ms = (queue.empty() ? options.request_timeout : queue.front().timeout).count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
  }
  std::string backoff_text() const { return "the box is not reachable (" + last_connect_error + ")"; }
  static std::string describe(beast::error_code ec) {
    if (ec.category() == net::error::get_ssl_category()) {
      const auto reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
      if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED)
        return "the box's certificate is not signed by the CA this kiosk trusts, or names another host";
      if (reason == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED || reason == SSL_R_SSLV3_ALERT_BAD_CERTIFICATE)
        return "the box did not accept this kiosk's certificate";
    }
    return ec.message();
  }
};

HttpsClient::HttpsClient(net::io_context& io, ssl::context& tls, HttpsOptions options)
    : impl_(std::make_shared<Impl>(io, tls, std::move(options))) {}

HttpsClient::~HttpsClient() {
  impl_->closed = true;
  impl_->resolver.cancel();
  impl_->deadline_timer.cancel();
  impl_->wait_timer.cancel();
  impl_->drop_connection();
  impl_->queue.clear();
}

void HttpsClient::request(HttpRequest request, std::function<void(HttpResult)> done) {
  auto& i = *impl_;
  if (i.queue.size() >= uplink_queue_limit) {
    HttpResult r;
    r.error = "too many requests wait for the box; it is not answering";
    net::post(i.io, [done = std::move(done), r = std::move(r)]() mutable { done(std::move(r)); });
    return;
  }
  const auto timeout = std::max(i.options.request_timeout, request.timeout_at_least);
  i.queue.push_back({std::move(request), std::move(done), steady::now() + timeout, timeout, false});
  i.pump();
}

HttpsStats HttpsClient::stats() const { return impl_->stats; }

}  // namespace classbook::kiosk
