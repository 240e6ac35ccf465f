// server: the HTTPS listener and connections (Boost.Beast over OpenSSL). The only place that
// touches sockets; everything it reads goes to one Handler as a plain request.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "classbook/common/result.hpp"
#include "http/message.hpp"

namespace classbook::http {

constexpr std::size_t body_limit = 64 * 1024;        // bytes of a request body
constexpr std::size_t header_limit = 8 * 1024;       // bytes of request line + headers
constexpr auto handshake_timeout = std::chrono::seconds(10);
constexpr auto request_timeout = std::chrono::seconds(30);  // to read one request once it starts
constexpr auto idle_timeout = std::chrono::seconds(75);     // keep-alive with nothing sent
constexpr int max_connections = 4096;  // open streams included: 2,000 pages held open fit beside the rest
// Frames an event stream may have waiting for a slow client; past it the stream is closed and the
// browser reconnects and resumes from its last event.
constexpr std::size_t stream_backlog = 256;
// One host may hold this many connections (a browser opens ~6, a kiosk 1–2): one client cannot take
// every slot. ServerConfig::max_connections_per_address overrides it.
constexpr int default_max_connections_per_address = 64;
constexpr auto linger_timeout = std::chrono::seconds(2);  // reading what a refused client still sends
constexpr auto linger_deadline = std::chrono::seconds(5);  // however it trickles, the linger ends here
constexpr std::size_t linger_limit = 1024 * 1024;
// accept() failing (EMFILE: out of descriptors) is retried after a pause that doubles up to the cap,
// not at once in a loop that burns a core and floods the log.
constexpr auto accept_retry_first = std::chrono::milliseconds(10);
constexpr auto accept_retry_max = std::chrono::seconds(1);

struct ServerConfig {
  std::string address = "0.0.0.0";
  std::uint16_t port = 8443;
  std::string cert_file;  // PEM chain: server certificate then the box CA
  std::string key_file;
  // The box's CA: clients are asked for a certificate (not required), and one they present must
  // chain to this CA or the handshake fails. "" asks for none.
  std::string client_ca_file;
  int threads = 2;
  int max_connections_per_address = default_max_connections_per_address;
  // The body limit of a request, from its method and target once its headers are read (the route
  // table's rows that take a file say more); none: body_limit for every request.
  std::function<std::size_t(boost::beast::http::verb, std::string_view)> body_limit_for;
};

struct ServerStats {
  std::uint64_t connections_open = 0;
  std::uint64_t connections_total = 0;
  std::uint64_t requests_total = 0;
  std::uint64_t tls_failures = 0;
  std::uint64_t refused_per_address = 0;  // connections closed at once: their host was at its cap
  std::uint64_t accept_errors = 0;
};

class Server {
 public:
  // Binds and loads the certificate; fails with a message that names the file or port.
  static Result<std::unique_ptr<Server>> create(const ServerConfig& config, Handler handler);
  ~Server();
  std::uint16_t port() const;  // the bound port (useful with port 0)
  // Runs the event loop on config.threads threads until stop(); returns when all have ended.
  void run();
  void stop();
  ServerStats stats() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace classbook::http
