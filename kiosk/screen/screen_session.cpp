// screen_session: Beast's async server shape — each step an async call and its on_ handler, every
// failure one fail(ec, what). The whole server runs on one thread, so nothing here needs a lock.
#include "kiosk/screen/screen_session.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <sstream>

#include "classbook/common/log.hpp"
#include "kiosk/screen/screen_json.hpp"
#include "kiosk/screen/screen_routes.hpp"
#include "classbook/common/sse.hpp"

namespace classbook::kiosk::screen {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

void fail(beast::error_code ec, const char* what) {
  // The browser closing a tab or reloading ends streams this way: usual, not worth a line.
  if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == net::error::broken_pipe || ec == net::error::bad_descriptor ||
      ec == http::error::end_of_stream)
    return;
  log::write(log::Level::debug, "screen", std::string(what) + ": " + ec.message());
}

// The same headers on every answer: nothing cached (the page is the state), nothing framed (a
// foreign page must not overlay the PIN pad), nothing loaded from elsewhere.
template <class Message>
void set_common_headers(Message& m) {
  m.set(http::field::cache_control, "no-store");
  m.set("Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  m.set("X-Content-Type-Options", "nosniff");
}

}  // namespace

Session::Session(tcp::socket&& socket, ScreenServer::Impl& server) : stream_(std::move(socket)), server_(server) {
  ++server_.open;
}

Session::~Session() {
  --server_.open;
  if (streaming_) --server_.sse_open;
}

void Session::run() { do_read(); }

void Session::close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

void Session::do_read() {
  parser_.emplace();
  parser_->body_limit(screen_body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(screen_header_limit));
  // The first request may take its time to arrive; after it, a keep-alive connection may idle longer.
  stream_.expires_after(first_ ? screen_request_timeout : screen_idle_timeout);
  first_ = false;
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

void Session::on_read(beast::error_code ec, std::size_t) {
  if (closed_) return;  // the server is stopping
  if (ec == http::error::body_limit || ec == http::error::header_limit) {
    RouteReply too_large;
    too_large.status = 413;
    too_large.content_type = "application/json";
    too_large.body = R"({"error":{"code":"too_large","message":"the request is larger than the screen accepts"}})";
    return answer(too_large, false);
  }
  if (ec) return fail(ec, "read");
  stream_.expires_never();

  const auto& req = parser_->get();
  const auto origin = req.find(http::field::origin);
  RouteRequest request{req.method_string(), req.target(), req[http::field::host],
                       origin == req.end() ? std::nullopt : std::optional<std::string_view>(origin->value())};
  const RouteReply reply = route(request, RouteContext{server_.allowed_hosts, server_.state_json});

  if (reply.input) {
    ++server_.inputs;
    ScreenInput* input = &server_.input;
    server_.post_to_agent([input, action = *reply.input] { apply(action, *input); });
  }
  if (reply.kind != ReplyKind::response) return start_stream(reply.kind == ReplyKind::event_stream_once);
  answer(reply, req.keep_alive());
}

void Session::answer(const RouteReply& reply, bool keep_alive) {
  Response res{static_cast<http::status>(reply.status), 11};
  set_common_headers(res);
  if (!reply.content_type.empty()) res.set(http::field::content_type, reply.content_type);
  for (const auto& [name, value] : reply.headers) res.set(name, value);
  res.body() = reply.body;
  res.keep_alive(keep_alive);
  res.prepare_payload();
  send(std::move(res));
}

void Session::send(Response res) {
  response_ = std::make_shared<Response>(std::move(res));
  stream_.expires_after(screen_request_timeout);
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&Session::on_write, shared_from_this(), response_->keep_alive()));
}

void Session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "write");
  response_.reset();
  if (!keep_alive || closed_) return close();
  do_read();
}

void Session::start_stream(bool once) {
  if (server_.sse_open.load() >= static_cast<std::size_t>(server_.options.max_sse_clients)) {
    RouteReply busy;
    busy.status = 503;
    busy.content_type = "application/json";
    busy.body = R"({"error":{"code":"too_many_streams","message":"the screen has as many live pages as it serves; close one"}})";
    busy.headers.emplace_back("Retry-After", "5");
    return answer(busy, false);
  }
  streaming_ = true;
  once_ = once;
  ++server_.sse_open;
  ++server_.streams_opened;

  // No Content-Length and no chunking: the body is the stream and ends when the connection does.
  http::response<http::empty_body> head{http::status::ok, 11};
  set_common_headers(head);
  head.set(http::field::content_type, "text/event-stream");
  head.set(http::field::cache_control, "no-cache");
  head.keep_alive(false);
  std::ostringstream text;
  text << head.base();

  // A once-stream asks the browser to wait long before coming back, so a screenshot run with a
  // virtual-time budget ends instead of reconnecting forever.
  const auto retry = once ? std::chrono::milliseconds(std::chrono::hours(1)) : server_.options.sse_retry;
  push(std::make_shared<const std::string>(text.str() + sse::retry(retry)));
  // The current state, whatever Last-Event-ID says: the page may have missed any number of changes
  // and needs only the latest.
  push(server_.state_frame);
  if (!once) server_.streams.push_back(weak_from_this());

  // The browser sends nothing more; a read ends when it goes away, and the stream with it.
  stream_.socket().async_read_some(net::buffer(discard_),
                                   beast::bind_front_handler(&Session::on_stream_read, shared_from_this()));
}

void Session::push(std::shared_ptr<const std::string> frame) {
  if (closed_) return;
  if (queue_.size() >= screen_sse_backlog) {
    log::warn("screen", "an /events client stopped reading; dropping it (it will reconnect)");
    return close();
  }
  queue_.push_back(std::move(frame));
  if (!writing_) write_next();
}

void Session::write_next() {
  writing_ = true;
  stream_.expires_after(screen_request_timeout);
  net::async_write(stream_, net::buffer(*queue_.front()),
                   beast::bind_front_handler(&Session::on_stream_write, shared_from_this()));
}

void Session::on_stream_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec) {
    fail(ec, "stream write");
    return close();
  }
  stream_.expires_never();
  queue_.pop_front();
  if (!queue_.empty()) return write_next();
  if (once_) close();
}

void Session::on_stream_read(beast::error_code ec, std::size_t) {
  if (!ec) log::write(log::Level::debug, "screen", "an /events client sent data; closing its stream");
  else fail(ec, "stream read");
  close();
}

}  // namespace classbook::kiosk::screen
