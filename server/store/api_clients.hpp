// api_clients: the api_clients and api_tokens tables — OneRoster API clients, each with its own
// account row, and the access tokens issued to them (their hashes only); and the school as an org.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rows/api_clients.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

using rows::ApiClientRecord;
using rows::SchoolOrgRecord;

// What registering writes: the client and its account row (role api_client, login api:<client_id>).
struct NewApiClient {
  std::string client_id;
  std::string name;
  std::string secret_hash;  // SHA-256 hex of the secret
  domain::ScopeSet scopes;
  Id created_by = 0;
};
Result<ApiClientRecord> insert_api_client(Db& db, const NewApiClient& c, const std::string& now);

// A client and the hash its secret must match: only the token endpoint reads the hash.
struct ApiClientCredential {
  ApiClientRecord client;
  std::string secret_hash;
};
Result<std::optional<ApiClientCredential>> api_client_credential(Db& db, std::string_view client_id);
Result<std::optional<ApiClientRecord>> api_client_by_client_id(Db& db, std::string_view client_id);
Result<std::vector<ApiClientRecord>> all_api_clients(Db& db);  // newest first, revoked ones too

// The client is revoked by `by` and its tokens are deleted: they stop working at once. Returns how
// many tokens it held.
Result<int> revoke_api_client(Db& db, Id client, Id by, const std::string& now);

// A token issued: its hash, the scopes it carries, until when. Expired tokens of every client, and
// a client's oldest beyond `keep_per_client`, are deleted in the same step.
Status insert_api_token(Db& db, const std::string& token_hash, Id client, domain::ScopeSet scopes,
                        const std::string& now, const std::string& expires_at, int keep_per_client);

// The live grant behind a token hash: none when no such token is kept or its client is revoked.
// Expiry is the caller's to judge (with its clock).
struct ApiTokenGrant {
  ApiClientRecord client;
  domain::ScopeSet scopes;  // what the token carries (a subset of the client's)
  std::string expires_at;
};
Result<std::optional<ApiTokenGrant>> api_token_grant(Db& db, std::string_view token_hash);

// The school as OneRoster's one org (settings keys uuid, name, identifier, org_modified_at).
Result<SchoolOrgRecord> school_org(Db& db);

}  // namespace classbook::store
