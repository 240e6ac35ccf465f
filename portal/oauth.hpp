// oauth: the portal's OAuth 2 client-credentials server (RFC 6749 §4.4): clients, bearer tokens, scopes.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "classbook/common/clock.hpp"
#include "db.hpp"

namespace classbook::portal {

// OneRoster 1.2's scopes (Rostering and Gradebook REST bindings) and this extension's one
// (docs/sync-protocol.md § Transport).
inline constexpr std::string_view kScopeRosterCore = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
inline constexpr std::string_view kScopeRoster = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
inline constexpr std::string_view kScopeDemographics =
    "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";
inline constexpr std::string_view kScopeGradebookRead = "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly";
inline constexpr std::string_view kScopeGradebookPut = "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput";
inline constexpr std::string_view kScopeGradebookDelete = "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete";
inline constexpr std::string_view kScopeJournal = "https://classbook.example/scope/journal.createput";
inline constexpr std::array<std::string_view, 7> kSchoolClientScopes = {
    kScopeRosterCore, kScopeRoster, kScopeDemographics, kScopeGradebookRead, kScopeGradebookPut, kScopeGradebookDelete,
    kScopeJournal};

inline constexpr std::chrono::seconds kDefaultTokenLifetime{3600};
inline constexpr std::size_t kTokenBytes = 32;
inline constexpr std::size_t kSecretBytes = 32;

struct NewClient {
  std::string client_id;
  std::string client_secret;  // shown once (client.json); only its SHA-256 is stored
};

struct Grant {
  std::string access_token;
  std::int64_t expires_in = 0;  // seconds, the truth (a clock-skew fault may lie about it on the wire)
  std::string scope;            // space-separated
};

struct Bearer {
  std::string client_id;
  std::string scopes;
};

class OAuth {
 public:
  OAuth(Db& db, const Clock& clock, std::chrono::seconds lifetime) : db_(db), clock_(clock), lifetime_(lifetime) {}

  Result<NewClient> create_client(const std::string& org_sourced_id);

  // POST /oauth/token: `authorization` is the Authorization header (HTTP Basic), `form` the
  // application/x-www-form-urlencoded body. Error ids are "oauth.<RFC 6749 §5.2 error>":
  // invalid_client (401), invalid_request, unsupported_grant_type, invalid_scope (400).
  Result<Grant> issue(std::string_view authorization, std::string_view form);

  // A request's bearer token, holding at least one of `any_of`: "oauth.invalid_token" (401) when
  // missing, unknown or expired; "oauth.insufficient_scope" (403) when its scopes do not reach.
  Result<Bearer> check(std::string_view authorization, std::initializer_list<std::string_view> any_of);

 private:
  Db& db_;
  const Clock& clock_;
  std::chrono::seconds lifetime_;
};

std::string url_decode(std::string_view text);
std::string form_value(std::string_view form, std::string_view name);  // "" when absent

}  // namespace classbook::portal
