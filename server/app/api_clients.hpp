// api_clients: OneRoster API clients — the administrator registers, lists and revokes them; a client
// trades its id and secret for an access token (OAuth 2 client credentials, RFC 6749 §4.4) and
// presents the token as a bearer token (RFC 6750). Nothing is cached: each bearer request reads its
// token's row, so a revocation by any process (the web, classbookctl) stops its tokens at once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/sign_in.hpp"
#include "domain/api_scope.hpp"
#include "domain/policy.hpp"
#include "rows/api_clients.hpp"

namespace classbook::app {

constexpr auto api_token_lifetime = std::chrono::seconds(3600);  // RFC 6749's expires_in of every token
constexpr std::size_t api_client_id_bytes = 16;      // 128 random bits: public, yet not to be guessed
constexpr std::size_t api_client_secret_bytes = 32;  // 256 random bits (so SHA-256 is the right hash)
constexpr std::size_t api_token_bytes = 32;          // 256 random bits
constexpr std::size_t max_api_client_name_bytes = 100;
constexpr std::size_t max_presented_credential_bytes = 128;  // a longer client id, secret or token is none of ours
constexpr int max_live_tokens_per_client = 20;  // a client asking on every call keeps only its newest
constexpr const char* api_client_login_prefix = "api:";  // its account's login: api:<client_id>

// The errors of RFC 6749 §5.2 (and RFC 6750 §3.1): they travel in Error::field beside the API's own
// stable code, and the token endpoint answers with them as its "error".
namespace oauth_error {
constexpr const char* invalid_request = "invalid_request";
constexpr const char* invalid_client = "invalid_client";
constexpr const char* invalid_grant = "invalid_grant";
constexpr const char* unauthorized_client = "unauthorized_client";
constexpr const char* unsupported_grant_type = "unsupported_grant_type";
constexpr const char* invalid_scope = "invalid_scope";
// Not RFC 6749's token endpoint's own, but its registry's: too many failed client authentications
// from this address, try again later (429 with Retry-After; the seconds are the answer's field).
constexpr const char* temporarily_unavailable = "temporarily_unavailable";
constexpr const char* invalid_token = "invalid_token";            // RFC 6750: a bearer token refused
constexpr const char* insufficient_scope = "insufficient_scope";  // RFC 6750: a token without the route's scope
bool is_one(std::string_view field);
}  // namespace oauth_error

// Who is calling with a verified bearer token: the client, its account (for the audit trail) and the
// scopes the token carries.
struct ApiClient {
  Id id = 0;
  Id user_id = 0;
  std::string client_id;
  std::string name;
  domain::ScopeSet scopes;
};

// A client just registered: its secret exists only here, once — the box keeps its hash.
struct RegisteredApiClient {
  rows::ApiClientRecord client;
  std::string secret;
};

// POST /oauth/token, as the HTTP layer read it (the client's credentials from Basic or the body).
struct TokenRequest {
  std::string grant_type;
  std::string client_id;
  std::string client_secret;
  std::optional<std::string> scope;  // absent: every scope the client holds
};

struct IssuedToken {
  std::string access_token;
  std::chrono::seconds expires_in{0};
  domain::ScopeSet scopes;
};

// None when `name` will do for a client, else what to change.
std::optional<std::string> check_api_client_name(std::string_view name);
// The scopes an administrator names (short names like roster.readonly, or full URIs): an unknown one
// is refused with the list of those the box offers; none at all is refused too.
Result<domain::ScopeSet> scopes_from_names(const std::vector<std::string>& names);
// "roster.readonly, gradebook.readonly, …": what an administrator may name.
std::string offered_scope_names();

// Inside a writer job — the same steps from the API and from classbookctl (actor_user 0, the console):
// a client with a fresh id and secret, its account row, and the audit entry naming it.
Result<RegisteredApiClient> write_api_client_registration(store::WriteContext& w, Id actor_user, const std::string& name,
                                                          domain::ScopeSet scopes);
// Inside a writer job: the client is revoked and its tokens deleted, audited (once: revoking a revoked
// client again changes nothing). Answers the client as it stands after.
Result<rows::ApiClientRecord> write_api_client_revocation(store::WriteContext& w, Id actor_user, const std::string& client_id);

class ApiClients {
 public:
  explicit ApiClients(Context& ctx, std::chrono::seconds token_lifetime = api_token_lifetime)
      : ctx_(ctx), lifetime_(token_lifetime), throttle_(ctx.clock) {}

  // The administrator's (policy manage_api_clients).
  void add(const domain::Actor& actor, const std::string& name, domain::ScopeSet scopes, Reply<RegisteredApiClient> reply);
  Result<std::vector<rows::ApiClientRecord>> list(const domain::Actor& actor);
  void revoke(const domain::Actor& actor, const std::string& client_id, Reply<rows::ApiClientRecord> reply);

  // POST /oauth/token: authenticates the client (failures are counted per client id and address and
  // per address, as sign-in's are), grants the requested scopes if the client holds them all, and
  // answers once the token's row is durable. Errors carry their oauth_error name in Error::field.
  void issue_token(const TokenRequest& request, const std::string& address, Reply<IssuedToken> reply);
  // The client behind an `Authorization: Bearer` token; unauthenticated (field invalid_token) when it
  // is unknown, expired or its client revoked.
  Result<ApiClient> verify(std::string_view token);

  std::chrono::seconds token_lifetime() const { return lifetime_; }
  // Before serving only (classbookd --api-token-seconds): not guarded against calls in flight.
  void set_token_lifetime(std::chrono::seconds s) { lifetime_ = s; }

 private:
  Context& ctx_;
  std::chrono::seconds lifetime_;
  Throttle throttle_;
};

}  // namespace classbook::app
