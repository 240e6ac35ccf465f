// https_portal_transport: the real PortalTransport — HTTP/1.1 over TLS (Beast through classbook_asio)
// to the portal's host, its certificate chain verified against the configured CA file and its name
// against the host of the URL, one connection kept alive between requests. Asio stays in the .cpp.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "sync/portal_transport.hpp"

namespace classbook::sync {

constexpr auto portal_connect_timeout = std::chrono::seconds(10);  // DNS aside: TCP and the TLS handshake
constexpr auto portal_read_timeout = std::chrono::seconds(60);     // writing a batch and reading its answer
constexpr std::size_t portal_answer_limit = 32u << 20;             // a roster page of 1,000 users fits many times

struct HttpsPortalOptions {
  std::string host;       // from [portal] url
  std::string port = "443";
  std::string base_path;  // the URL's path, "" or "/city" — put before every request's target
  std::string ca_file;    // PEM: the CA(s) the portal's certificate must chain to
  std::chrono::milliseconds connect_timeout = portal_connect_timeout;
  std::chrono::milliseconds read_timeout = portal_read_timeout;
};

// Splits "https://host[:port][/path]" into the options' host, port and base path.
Result<HttpsPortalOptions> portal_options_from_url(const std::string& url, const std::string& ca_file);

class HttpsPortalTransport final : public PortalTransport {
 public:
  // Fails when the CA file cannot be read or holds no certificate: no certificate, no sync.
  static Result<std::unique_ptr<HttpsPortalTransport>> open(HttpsPortalOptions options);
  ~HttpsPortalTransport() override;
  Result<PortalResponse> send(const PortalRequest& request) override;
  int connections_made() const;  // for tests: keep-alive reuses one

 private:
  struct Impl;
  explicit HttpsPortalTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace classbook::sync
