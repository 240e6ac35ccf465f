// token_source: the box's OAuth 2 access token at the portal (client credentials, RFC 6749 §4.4, the
// client authenticated with HTTP Basic), cached in memory and renewed when less than a fifth of its
// lifetime is left, or at once after the portal answered 401.
#pragma once

#include <optional>
#include <string>

#include "classbook/common/clock.hpp"
#include "sync/portal_transport.hpp"

namespace classbook::sync {

// Renewed when less than 1/renew_fraction of the lifetime is left.
constexpr int token_renew_fraction = 5;
// A token answer without expires_in is taken to last this long (RFC 6749 leaves it optional).
constexpr int default_token_lifetime_seconds = 300;

struct ClientCredentials {
  std::string client_id;
  std::string client_secret;
  std::string token_path = "/oauth/token";  // on the portal's host
  std::string scope;
};

class TokenSource {
 public:
  TokenSource(PortalTransport& transport, const Clock& clock, ClientCredentials credentials);
  // "Bearer …", asking the portal for a new token when there is none or it is close to expiry.
  Result<std::string> authorization();
  // The portal refused the token (401): the next authorization() asks for a new one.
  void forget() { token_.reset(); }
  int tokens_fetched() const { return fetched_; }

 private:
  PortalTransport& transport_;
  const Clock& clock_;
  ClientCredentials credentials_;
  std::optional<std::string> token_;
  TimePoint renew_at_{}, expires_at_{};
  int fetched_ = 0;
};

// "Basic " + base64(id:secret), the id and secret form-urlencoded first (RFC 6749 §2.3.1).
std::string basic_authorization(const std::string& client_id, const std::string& client_secret);

}  // namespace classbook::sync
