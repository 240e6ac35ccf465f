// portal_transport: the one seam between the sync client and the city portal — send one HTTP request,
// get its answer or an error value. HttpsPortalTransport speaks to the real portal over TLS;
// FakePortalTransport is an in-memory portal for tests (fake_portal_transport.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::sync {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct PortalRequest {
  std::string method;  // "GET", "POST"
  std::string target;  // path and query, "/ims/oneroster/ext/classbook/v1p0/batches"
  Headers headers;     // besides Host, Content-Length and Connection, which the transport sets
  std::string body;
};

struct PortalResponse {
  int status = 0;
  Headers headers;
  std::string body;
  // The first header of that name (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const;
};

// A cut, a refused handshake, a time-out and a garbled answer are all error values
// (Errc::unavailable, "sync.portal_unreachable" / "sync.portal_tls_failed" / …), never exceptions.
class PortalTransport {
 public:
  virtual ~PortalTransport() = default;
  virtual Result<PortalResponse> send(const PortalRequest& request) = 0;
};

}  // namespace classbook::sync
