// test_http_client: a real Beast/Asio HTTP client for the screen server's tests — one request per
// connection, and an SSE reader that returns the stream's blocks one by one. Every wait has a timeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace classbook::kiosk::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  int status = 0;  // 0: no answer (connection failed, closed or timed out)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// Host defaults to "127.0.0.1:<port>"; pass ("Host", ...) in `headers` to send another.
HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const Headers& headers = {}, const std::string& body = {});

// The page's own Origin, as the browser sends it on the page's fetch().
Headers same_origin(std::uint16_t port);

struct SseBlock {
  std::string id, event, data;  // data lines joined with "\n"
  std::vector<std::string> comments;
  std::optional<long> retry;
  bool has_data = false;
};

class SseClient {
 public:
  // Connects and sends GET `target`; head() then holds the response status line and headers.
  SseClient(std::uint16_t port, const std::string& target = "/events", const Headers& headers = {});
  ~SseClient();
  bool connected() const;
  const std::string& head() const;
  // The next block (up to the empty line), or nullopt on timeout or end of stream.
  std::optional<SseBlock> next_block(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // The next block that carries data (skips retry and comment blocks).
  std::optional<SseBlock> next_event(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True when the server closes the stream within `timeout` (reading and dropping what comes first).
  bool closed_by_server(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace classbook::kiosk::test
