// screen_session: one connection to the screen server — HTTP/1.1 requests answered by route(), or,
// after GET /events, an SSE stream that writes the frames the server broadcasts.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/screen/screen_server_impl.hpp"

namespace classbook::kiosk::screen {

struct RouteReply;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, ScreenServer::Impl& server);
  ~Session();
  void run();
  // Queues one SSE frame (stream mode); a client that lets screen_sse_backlog frames pile up is
  // dropped — it reconnects and gets the current state, which is all the page needs.
  void push(std::shared_ptr<const std::string> frame);
  void close();

 private:
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t);
  void answer(const RouteReply& reply, bool keep_alive);
  void send(Response res);
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t);

  void start_stream(bool once);
  void write_next();
  void on_stream_write(boost::beast::error_code ec, std::size_t);
  void on_stream_read(boost::beast::error_code ec, std::size_t);

  boost::beast::tcp_stream stream_;
  ScreenServer::Impl& server_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<Response> response_;
  bool first_ = true;
  bool closed_ = false;

  // Stream mode.
  bool streaming_ = false;
  bool once_ = false;  // close after the queued frames are written
  bool writing_ = false;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::array<char, 512> discard_{};
};

}  // namespace classbook::kiosk::screen
