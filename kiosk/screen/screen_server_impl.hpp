// screen_server_impl: the server's shared state, seen by the listener (screen_server.cpp) and the
// connections (screen_session.cpp). All of it but the atomics lives on the server thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/screen/screen_server.hpp"

namespace classbook::kiosk {
namespace screen {
class Session;
}

struct ScreenServer::Impl {
  Impl(ScreenServerOptions o, ScreenInput& in, std::function<void(std::function<void()>)> post)
      : options(std::move(o)), input(in), post_to_agent(std::move(post)) {}

  // Starts writing `frame` to every open /events stream (server thread only).
  void broadcast(const std::shared_ptr<const std::string>& frame);
  // Closes the listener and every connection; the thread's run() then returns (server thread only).
  void shutdown();
  void arm_keepalive();
  void do_accept();

  ScreenServerOptions options;
  ScreenInput& input;
  std::function<void(std::function<void()>)> post_to_agent;

  boost::asio::io_context ioc{1};  // declared before the sockets and timer, so destroyed after them
  boost::asio::ip::tcp::acceptor acceptor{ioc};
  boost::asio::steady_timer keepalive{ioc};
  std::vector<std::string> allowed_hosts;
  std::uint16_t port = 0;

  // Server thread only.
  std::string state_json;                              // what GET / and /state answer
  std::shared_ptr<const std::string> state_frame;      // the same as an SSE event, for new streams
  std::vector<std::weak_ptr<screen::Session>> sessions;  // every connection, for shutdown()
  std::vector<std::weak_ptr<screen::Session>> streams;   // the /events streams that take broadcasts
  bool stopping = false;

  std::atomic<int> open{0};                     // connections
  std::atomic<std::size_t> sse_open{0};         // /events streams, once-streams included
  std::atomic<std::uint64_t> streams_opened{0};
  std::atomic<std::uint64_t> inputs{0};
  std::thread thread;
};

}  // namespace classbook::kiosk
