// https_client: one keep-alive HTTPS connection to the box, reused for every request and reopened
// (with back-off) when it fails. Requests queue and go one at a time; each has a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

namespace classbook::kiosk {

// A week's diary is far smaller; so is its extract (a few pages of PDF with subset fonts).
inline constexpr std::size_t uplink_body_limit = 4 * 1024 * 1024;
inline constexpr std::size_t uplink_queue_limit = 64;  // more waiting requests means the box is gone
inline constexpr auto uplink_backoff_min = std::chrono::milliseconds(250);
inline constexpr auto uplink_backoff_max = std::chrono::milliseconds(4000);  // below the hello interval

struct HttpsOptions {
  std::string host;  // checked against the box's certificate (name or IP address)
  std::uint16_t port = 443;
  std::string host_header;  // "box:8443"
  std::chrono::milliseconds request_timeout{5000};  // from request() to the answer, connecting included
  std::chrono::milliseconds backoff_min = uplink_backoff_min;
  std::chrono::milliseconds backoff_max = uplink_backoff_max;
  std::string user_agent = "classbook-kiosk";
};

struct HttpRequest {
  std::string method = "GET";  // GET | POST | DELETE
  std::string target;          // "/api/v1/kiosk/hello"
  std::string body;            // JSON, or empty
  // Safe to send twice: resent once on a fresh connection when a reused one turns out dead.
  bool idempotent = true;
  bool secret = false;  // the body holds a PIN: overwrite it once sent
  std::string accept = "application/json";
  // A request the box needs longer for (it renders a PDF) waits at least this long, else the
  // options' request_timeout.
  std::chrono::milliseconds timeout_at_least{0};
  std::vector<std::pair<std::string, std::string>> headers;  // more header fields, e.g. Classbook-Spool-Depth
};

struct HttpResult {
  bool reached = false;  // an HTTP answer came back
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string error;  // why not reached, for a person
};

struct HttpsStats {
  std::uint64_t connections = 0;  // TCP+TLS connections opened
  std::uint64_t requests = 0;     // requests written
};

class HttpsClient {
 public:
  // Runs on `io` (the agent's loop); `tls` must outlive the client.
  HttpsClient(boost::asio::io_context& io, boost::asio::ssl::context& tls, HttpsOptions options);
  ~HttpsClient();  // closes the connection; callbacks of queued requests are not called
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // `done` runs later on `io`, exactly once.
  void request(HttpRequest request, std::function<void(HttpResult)> done);
  HttpsStats stats() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace classbook::kiosk
