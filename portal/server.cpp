// server: each connection reads a request's head, asks the fault plan, reads the body, answers. The
// handler (routes) is a plain function; faults that live on the wire are carried out only here.
#include "server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <ctime>
#include <memory>

#include "classbook/common/log.hpp"

namespace classbook::portal {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

void fail(beast::error_code ec, const char* what) {
  // A client that closes without close_notify truncates the stream: usual, and harmless here.
  if (ec == ssl::error::stream_truncated || ec == net::error::operation_aborted || ec == beast::error::timeout ||
      ec == net::error::eof || ec == http::error::end_of_stream || ec == net::error::connection_reset)
    return;
  log::write(log::Level::debug, "portal", std::string(what) + ": " + ec.message());
}

// RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(TimePoint t) {
  const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[40];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return out;
}

const char* reason_of(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

struct Shared {
  Routes& routes;
  FaultInjector& faults;
  const Clock& clock;
  std::atomic<std::uint64_t> next_request{0};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ssl::context& tls, Shared& shared) : stream_(std::move(socket), tls), shared_(shared) {}

  void run() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(kRequestTimeoutSeconds));
    stream_.async_handshake(ssl::stream_base::server, beast::bind_front_handler(&Session::on_handshake, shared_from_this()));
  }

 private:
  void on_handshake(beast::error_code ec) {
    if (ec) return fail(ec, "handshake");
    do_read();
  }

  void do_read() {
    parser_.emplace();
    parser_->body_limit(kMaxRequestBodyBytes);
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(first_ ? kRequestTimeoutSeconds : kIdleTimeoutSeconds));
    first_ = false;
    http::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  // The head says what the request is, which decides which faults may hit it.
  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "read header");
    const auto& head = parser_->get();
    request_ = Request{};
    request_.method = std::string(head.method_string());
    request_.target = std::string(head.target());
    for (const auto& field : head) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request_.headers[name] = std::string(field.value());
    }
    request_.request_id = request_.header("x-request-id");
    if (request_.request_id.empty()) request_.request_id = "portal-" + std::to_string(++shared_.next_request);
    plan_ = Routes::is_operator(request_) ? FaultPlan{} : shared_.faults.next(Routes::traits(request_));
    if (plan_.kind == FaultKind::drop_request) {
      record("before the body was read");
      return hard_close();
    }
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(kRequestTimeoutSeconds));
    // curl asks before sending a larger body, and would otherwise wait a second for nothing.
    if (beast::iequals(request_.header("expect"), "100-continue"))
      return net::async_write(stream_, net::buffer(kContinue),
                              beast::bind_front_handler(&Session::on_continue, shared_from_this()));
    read_body();
  }
  void on_continue(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "100-continue");
    read_body();
  }
  void read_body() {
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit) {
      keep_alive_ = false;
      Response r = oneroster_error(make_error(Errc::invalid_input, "portal.body_too_large", "the request body is too large"));
      return send(std::move(r));
    }
    if (ec) return fail(ec, "read");
    request_.body = std::move(parser_->get().body());
    keep_alive_ = parser_->get().keep_alive();
    send(answer());
  }

  Response answer() {
    std::string detail;
    switch (plan_.kind) {
      case FaultKind::status_500:
      case FaultKind::status_503: {
        const int status = plan_.kind == FaultKind::status_500 ? 500 : 503;
        Response r = oneroster_error(make_error(status == 500 ? Errc::internal : Errc::unavailable, "portal.fault_injected",
                                                "the portal failed on purpose (fault injection); try again"));
        r.status = status;
        if (plan_.with_retry_after()) {
          r.headers.emplace_back("Retry-After", std::to_string(plan_.retry_after_s()));
          detail = "retry_after=" + std::to_string(plan_.retry_after_s());
        }
        record(detail);
        return r;
      }
      case FaultKind::expired_token: {
        record("");
        return oneroster_error(make_error(Errc::unauthenticated, "oauth.invalid_token",
                                          "the access token expired: ask /oauth/token for a new one"));
      }
      default: break;
    }
    Response r = shared_.routes.handle(request_, plan_, detail);
    switch (plan_.kind) {
      case FaultKind::duplicate_page:
        if (detail.empty()) plan_.kind = FaultKind::none;  // nothing repeated (an error answer): no fault
        else record(detail);
        break;
      case FaultKind::duplicate_batch:
        if (r.status != 200) {
          plan_.kind = FaultKind::none;
          break;
        }
        record("applied, answered 503 (" + r.body + ")");
        r = oneroster_error(make_error(Errc::unavailable, "portal.fault_injected",
                                       "the portal failed on purpose (fault injection); try again"));
        r.headers.emplace_back("Retry-After", std::to_string(plan_.retry_after_s()));
        break;
      case FaultKind::clock_skew:
        record("skew_s=" + std::to_string(plan_.skew_s()) + detail);
        break;
      default: break;
    }
    return r;
  }

  void record(const std::string& detail) {
    shared_.faults.record(request_.request_id, plan_.kind, detail, request_.method + " " + request_.target);
  }

  void send(Response response) {
    auto now = shared_.clock.now();
    if (plan_.kind == FaultKind::clock_skew) now += std::chrono::seconds(plan_.skew_s());
    std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " + reason_of(response.status) + "\r\n";
    head += "Date: " + http_date(now) + "\r\n";
    head += "X-Request-Id: " + request_.request_id + "\r\n";
    for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
    head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    if (!keep_alive_) head += "Connection: close\r\n";
    head += "\r\n";
    wire_ = head + response.body;
    cut_ = wire_.size();
    if (plan_.kind == FaultKind::drop_response) {
      cut_ = static_cast<std::size_t>(plan_.draw % wire_.size());
      record("at byte " + std::to_string(cut_) + " of " + std::to_string(wire_.size()));
    } else if (plan_.kind == FaultKind::truncated_body) {
      const auto body = response.body.size();
      cut_ = head.size() + (body == 0 ? 0 : static_cast<std::size_t>(plan_.draw % body));
      record("sent " + std::to_string(cut_ - head.size()) + " of " + std::to_string(body) + " body bytes");
    }
    if (plan_.kind == FaultKind::slow) {
      record("delay_ms=" + std::to_string(plan_.delay_ms()));
      timer_ = std::make_unique<net::steady_timer>(stream_.get_executor(), std::chrono::milliseconds(plan_.delay_ms()));
      return timer_->async_wait(beast::bind_front_handler(&Session::on_delay, shared_from_this()));
    }
    write();
  }
  void on_delay(beast::error_code ec) {
    if (ec) return fail(ec, "delay");
    write();
  }

  void write() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(kRequestTimeoutSeconds));
    net::async_write(stream_, net::buffer(wire_.data(), cut_), beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "write");
    if (cut_ < wire_.size()) return hard_close();  // the fault: the rest never comes
    if (!keep_alive_) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(kRequestTimeoutSeconds));
      return stream_.async_shutdown(beast::bind_front_handler(&Session::on_shutdown, shared_from_this()));
    }
    do_read();
  }
  void on_shutdown(beast::error_code ec) {
    if (ec) fail(ec, "shutdown");
  }

  // No close_notify: the client sees the connection die, as on a cut cable.
  void hard_close() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).socket().close(ignored);
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Request request_;
  FaultPlan plan_;
  bool keep_alive_ = true;
  bool first_ = true;
  std::string wire_;
  std::size_t cut_ = 0;
  std::unique_ptr<net::steady_timer> timer_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& loop, ssl::context& tls, Shared& shared) : loop_(loop), tls_(tls), acceptor_(loop), shared_(shared) {}

  Result<unsigned short> open(const std::string& bind, unsigned short port) {
    beast::error_code ec;
    const auto address = net::ip::make_address(bind, ec);
    if (ec) return make_error(Errc::invalid_input, "portal.bad_bind", "--bind is not an IP address: " + bind);
    const tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
      return make_error(Errc::unavailable, "portal.cannot_listen",
                        "cannot listen on " + bind + ":" + std::to_string(port) + ": " + ec.message());
    return acceptor_.local_endpoint().port();
  }
  void accept() {
    acceptor_.async_accept(loop_, beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }
  void close() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (ec) fail(ec, "accept");
    else std::make_shared<Session>(std::move(socket), tls_, shared_)->run();
    accept();
  }
  net::io_context& loop_;
  ssl::context& tls_;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

Status run_server(Routes& routes, FaultInjector& faults, const Clock& clock, const ServerOptions& options,
                  const std::function<void(unsigned short)>& on_ready) {
  // One thread: the handler calls SQLite synchronously, and one thread keeps the fault sequence in
  // request order, so a seed replays the same run.
  net::io_context loop(1);
  ssl::context tls(ssl::context::tls_server);
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  beast::error_code ec;
  tls.use_certificate_chain(net::buffer(options.cert_pem), ec);
  if (!ec) tls.use_private_key(net::buffer(options.key_pem), ssl::context::pem, ec);
  if (ec) return make_error(Errc::unavailable, "portal.tls_failed", "the portal's certificate cannot be used: " + ec.message());

  Shared shared{routes, faults, clock};
  auto listener = std::make_shared<Listener>(loop, tls, shared);
  auto port = listener->open(options.bind, options.port);
  if (!port) return port.error();
  listener->accept();
  net::signal_set signals(loop, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    listener->close();
    loop.stop();
  });
  on_ready(*port);
  loop.run();
  return ok_status();
}

}  // namespace classbook::portal
