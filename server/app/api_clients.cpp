// api_clients: registering and revoking OneRoster API clients, the token endpoint's checks, and
// bearer tokens resolved to the client behind them.
#include "app/api_clients.hpp"

#include <boost/json.hpp>

#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "domain/text.hpp"
#include "store/api_clients.hpp"
#include "store/reader_pool.hpp"
#include "store/writer.hpp"

namespace classbook::app {
namespace json = boost::json;

bool oauth_error::is_one(std::string_view field) {
  for (const char* name : {invalid_request, invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type,
                           invalid_scope, temporarily_unavailable, invalid_token, insufficient_scope})
    if (field == name) return true;
  return false;
}

namespace {

Error not_allowed(const domain::Actor& actor) {
  return make_error(Errc::forbidden, "api_client.admin_only", domain::decide(actor, domain::Action::manage_api_clients, {}).reason);
}

Error no_such_client(std::string_view client_id) {
  return make_error(Errc::not_found, "api_client.not_found",
                    "no API client has the id '" + log_safe(client_id) + "'; GET /api/v1/api-clients lists them", "client_id");
}

// One answer for an unknown id, a revoked client and a wrong secret: nobody learns which ids exist.
Error client_refused() {
  return make_error(Errc::unauthenticated, "oauth.client_refused",
                    "unknown client_id or wrong client_secret, or the client was revoked; ask the school's administrator",
                    oauth_error::invalid_client);
}

Error bad(ErrorCode id, std::string message) {
  return make_error(Errc::unauthenticated, id, std::move(message), oauth_error::invalid_token);
}

json::array scope_uris(domain::ScopeSet scopes) {
  json::array out;
  for (auto s : domain::all_scopes)
    if (scopes.has(s)) out.emplace_back(domain::to_uri(s));
  return out;
}

}  // namespace

std::optional<std::string> check_api_client_name(std::string_view name) {
  if (name.find_first_not_of(' ') == std::string_view::npos) return "Give the client a name, like \"Learning platform\".";
  if (name.size() > max_api_client_name_bytes)
    return "A client's name is at most " + std::to_string(max_api_client_name_bytes) + " bytes; shorten it.";
  for (char ch : name)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) return "A client's name is one line of text.";
  if (!domain::utf8_length(name)) return "The client's name is not valid text; type it again.";
  return std::nullopt;
}

std::string offered_scope_names() { return domain::to_short_names(domain::ScopeSet::everything()); }

Result<domain::ScopeSet> scopes_from_names(const std::vector<std::string>& names) {
  domain::ScopeSet set;
  for (const auto& n : names) {
    const auto s = domain::scope_by_name(n);
    if (!s)
      return make_error(Errc::invalid_input, "api_client.scope_unknown",
                        "'" + log_safe(n) + "' is no scope the box offers; choose from " + offered_scope_names(), "scopes");
    set.add(*s);
  }
  if (set.empty())
    return make_error(Errc::invalid_input, "api_client.scopes_missing", "name at least one scope: " + offered_scope_names(), "scopes");
  return set;
}

Result<RegisteredApiClient> write_api_client_registration(store::WriteContext& w, Id actor_user, const std::string& name,
                                                          domain::ScopeSet scopes) {
  if (auto problem = check_api_client_name(name)) return make_error(Errc::invalid_input, "api_client.name_invalid", *problem, "name");
  if (scopes.empty())
    return make_error(Errc::invalid_input, "api_client.scopes_missing", "name at least one scope: " + offered_scope_names(), "scopes");
  RegisteredApiClient out;
  out.secret = random_token(api_client_secret_bytes);
  store::NewApiClient n{hex_encode(random_bytes(api_client_id_bytes).data(), api_client_id_bytes), name,
                        sha256_hex(out.secret), scopes, actor_user};
  auto made = store::insert_api_client(w.db, n, w.now_text);
  if (!made) return made.error();
  out.client = std::move(*made);
  // The secret stays out of the trail: whoever reads the audit must not be able to act as the client.
  w.audit(actor_user, "api_client", out.client.user_uuid, "register", "{}",
          json::serialize(json::object{{"client_id", out.client.client_id}, {"name", name}, {"scopes", scope_uris(scopes)}}));
  return out;
}

Result<rows::ApiClientRecord> write_api_client_revocation(store::WriteContext& w, Id actor_user, const std::string& client_id) {
  auto found = store::api_client_by_client_id(w.db, client_id);
  if (!found) return found.error();
  if (!*found) return no_such_client(client_id);
  const auto before = std::move(**found);
  if (before.revoked()) return before;
  auto tokens = store::revoke_api_client(w.db, before.id, actor_user, w.now_text);
  if (!tokens) return tokens.error();
  w.audit(actor_user, "api_client", before.user_uuid, "revoke",
          json::serialize(json::object{{"client_id", before.client_id}, {"name", before.name}, {"revoked", false}}),
          json::serialize(json::object{{"client_id", before.client_id}, {"name", before.name}, {"revoked", true},
                                       {"tokens_ended", *tokens}}));
  auto after = store::api_client_by_client_id(w.db, client_id);
  if (!after) return after.error();
  if (!*after) return no_such_client(client_id);
  return std::move(**after);
}

void ApiClients::add(const domain::Actor& actor, const std::string& name, domain::ScopeSet scopes,
                     Reply<RegisteredApiClient> reply) {
  if (!domain::decide(actor, domain::Action::manage_api_clients, {})) return reply(not_allowed(actor));
  submit<RegisteredApiClient>(
      ctx_, [user = actor.user_id, name, scopes](store::WriteContext& w) { return write_api_client_registration(w, user, name, scopes); },
      std::move(reply));
}

Result<std::vector<rows::ApiClientRecord>> ApiClients::list(const domain::Actor& actor) {
  if (!domain::decide(actor, domain::Action::manage_api_clients, {})) return not_allowed(actor);
  auto db = ctx_.readers.acquire();
  return store::all_api_clients(*db);
}

void ApiClients::revoke(const domain::Actor& actor, const std::string& client_id, Reply<rows::ApiClientRecord> reply) {
  if (!domain::decide(actor, domain::Action::manage_api_clients, {})) return reply(not_allowed(actor));
  submit<rows::ApiClientRecord>(
      ctx_, [user = actor.user_id, client_id](store::WriteContext& w) { return write_api_client_revocation(w, user, client_id); },
      std::move(reply));
}

void ApiClients::issue_token(const TokenRequest& req, const std::string& address, Reply<IssuedToken> reply) {
  namespace oe = oauth_error;
  if (req.grant_type.empty())
    return reply(make_error(Errc::invalid_input, "oauth.grant_type_missing", "send grant_type=client_credentials", oe::invalid_request));
  if (req.grant_type != "client_credentials")
    return reply(make_error(Errc::invalid_input, "oauth.grant_type_unsupported",
                            "the box grants only grant_type=client_credentials (RFC 6749 §4.4)", oe::unsupported_grant_type));
  if (req.client_id.empty() || req.client_secret.empty())
    return reply(make_error(Errc::unauthenticated, "oauth.client_credentials_missing",
                            "authenticate the client: HTTP Basic with client_id and client_secret, or both in the body",
                            oe::invalid_client));
  if (int wait = throttle_.retry_after(req.client_id, address); wait > 0)
    return reply(make_error(Errc::throttled, "oauth.throttled",
                            "too many failed client authentications; try again in " + std::to_string(wait) + " s", std::to_string(wait)));
  std::optional<store::ApiClientCredential> found;
  if (req.client_id.size() <= max_presented_credential_bytes && req.client_secret.size() <= max_presented_credential_bytes) {
    auto db = ctx_.readers.acquire();
    auto read = store::api_client_credential(*db, req.client_id);
    if (!read) return reply(read.error());
    found = std::move(*read);
  }
  // The hash is computed on every path, so an unknown id takes as long as a wrong secret.
  const auto presented = sha256_hex(req.client_secret);
  if (!found || !constant_time_equal(presented, found->secret_hash) || found->client.revoked()) {
    throttle_.failed(req.client_id, address);
    log::info("oauth", "failed client authentication for '" + log_safe(req.client_id) + "' from " + address);
    return reply(client_refused());
  }
  throttle_.succeeded(req.client_id, address);
  const auto& client = found->client;
  domain::ScopeSet granted = client.scopes;
  if (req.scope) {
    const auto asked = domain::parse_scope_text(*req.scope);
    if (asked.malformed)
      return reply(make_error(Errc::invalid_input, "oauth.scope_malformed",
                              "scope is a list of scope URIs separated by single spaces", oe::invalid_scope));
    if (!asked.unknown.empty())
      return reply(make_error(Errc::invalid_input, "oauth.scope_unknown",
                              "'" + log_safe(asked.unknown) + "' is no scope the box offers; it offers " +
                                  domain::to_scope_text(domain::ScopeSet::everything()),
                              oe::invalid_scope));
    if (!asked.scopes.within(client.scopes))
      return reply(make_error(Errc::forbidden, "oauth.scope_not_granted",
                              "this client holds only " + domain::to_scope_text(client.scopes) +
                                  "; ask the school's administrator for more",
                              oe::invalid_scope));
    granted = asked.scopes;
  }
  auto issued = std::make_shared<IssuedToken>(IssuedToken{random_token(api_token_bytes), lifetime_, granted});
  ctx_.writer.submit(
      [issued, id = client.id, client_id = client.client_id, user = client.user_id, user_uuid = client.user_uuid,
       lifetime = lifetime_](store::WriteContext& w) -> Status {
        // Revoked since it was read: no token. Asked inside the job, which a revocation's job precedes or follows whole.
        auto now_client = store::api_client_by_client_id(w.db, client_id);
        if (!now_client) return now_client.error();
        if (!*now_client || (*now_client)->revoked()) return client_refused();
        const auto expires = format_utc(w.now + lifetime);
        if (auto st = store::insert_api_token(w.db, sha256_hex(issued->access_token), id, issued->scopes, w.now_text, expires,
                                              max_live_tokens_per_client);
            !st)
          return st;
        // The client's own account is the actor: the trail shows when each client was let in, and with what.
        w.audit(user, "api_token", user_uuid, "issue", "{}",
                json::serialize(json::object{{"client_id", client_id}, {"scopes", scope_uris(issued->scopes)}, {"expires_at", expires}}));
        return ok_status();
      },
      [issued, reply = std::move(reply)](const Status& st) { st ? reply(*issued) : reply(st.error()); });
}

Result<ApiClient> ApiClients::verify(std::string_view token) {
  if (token.empty() || token.size() > max_presented_credential_bytes)
    return bad("api_token.invalid", "send a valid access token from POST /oauth/token as Authorization: Bearer");
  const auto hash = sha256_hex(token);
  auto db = ctx_.readers.acquire();
  auto grant = store::api_token_grant(*db, hash);
  if (!grant) return grant.error();  // the database's trouble: 503, not "your token is bad"
  if (!*grant)
    return bad("api_token.invalid", "the access token is unknown or its client was revoked; get a new one at POST /oauth/token");
  TimePoint expires;
  if (!parse_utc((*grant)->expires_at, expires) || ctx_.clock.now() >= expires)
    return bad("api_token.expired", "the access token has expired; get a new one at POST /oauth/token");
  const auto& c = (*grant)->client;
  domain::ScopeSet held;
  for (auto s : domain::all_scopes)  // never more than the client holds now
    if ((*grant)->scopes.has(s) && c.scopes.has(s)) held.add(s);
  return ApiClient{c.id, c.user_id, c.client_id, c.name, held};
}

}  // namespace classbook::app
