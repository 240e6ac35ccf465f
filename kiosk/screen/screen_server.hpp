// screen_server: the kiosk's screen as a loopback web page for Chromium in kiosk mode. GET / carries
// the current state; /events streams every change over SSE; the hall's touches come back as POSTs
// and reach ScreenInput on the agent's thread. Runs its own io_context thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "classbook/common/result.hpp"
#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk {

// Limits of the screen server. One browser on the same machine is the only expected client.
constexpr int screen_max_connections = 32;                // open sockets, of any kind
constexpr int screen_max_sse_clients = 8;                 // open /events streams (one per tab)
constexpr std::size_t screen_body_limit = 1024;           // bytes of a request body (inputs carry none)
constexpr std::size_t screen_header_limit = 8 * 1024;     // bytes of request line + headers
constexpr std::size_t screen_sse_backlog = 64;            // frames queued for a client that does not read
constexpr auto screen_request_timeout = std::chrono::seconds(30);  // to read or write one message
constexpr auto screen_idle_timeout = std::chrono::seconds(75);     // keep-alive with nothing sent

struct ScreenServerOptions {
  std::string address = "127.0.0.1";  // must be a loopback address: the page has no authentication
  std::uint16_t port = 0;             // 0: the system picks one; see port()
  std::chrono::milliseconds sse_keepalive = std::chrono::seconds(15);  // comment frame on quiet streams
  std::chrono::milliseconds sse_retry = std::chrono::seconds(2);       // browser's reconnect delay
  int max_sse_clients = screen_max_sse_clients;
};

struct ScreenServerStats {
  std::size_t connections_open = 0;
  std::size_t sse_clients = 0;        // open /events streams, once-streams included
  std::uint64_t streams_opened = 0;   // /events streams started since create()
  std::uint64_t inputs = 0;           // inputs handed to post_to_agent
};

class ScreenServer final : public Screen {
 public:
  // Binds and starts the server thread. `input` must outlive the server; `post_to_agent` runs a
  // task on the agent's thread (each input is one task). Fails with a message that names the
  // address: not an IP, not loopback, or the port is taken.
  static Result<std::unique_ptr<ScreenServer>> create(ScreenServerOptions options, ScreenInput& input,
                                                      std::function<void(std::function<void()>)> post_to_agent);
  ~ScreenServer() override;  // stop()
  ScreenServer(const ScreenServer&) = delete;
  ScreenServer& operator=(const ScreenServer&) = delete;

  std::uint16_t port() const;
  std::string url() const;  // "http://127.0.0.1:PORT/", for Chromium's command line and the logs

  // Thread-safe and quick: the state becomes what GET / and /state answer, and one SSE event
  // (id = state.seq, event "state") goes to every connected stream, in the order of the calls.
  void show(const ScreenState& state) override;

  // Closes the listener and every connection (streams included) and joins the server thread; no
  // post_to_agent call happens after it returns. Safe to call twice; not from the server's thread.
  void stop();

  ScreenServerStats stats() const;  // for tests and monitoring; any thread

  struct Impl;

 private:
  explicit ScreenServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace classbook::kiosk
