// routes_oauth: OAuth 2 for OneRoster API clients — the token endpoint (RFC 6749 §4.4, answered in
// its own words, not the API's error body), the bearer gate of Caller::api_client rows (RFC 6750),
// and the administrator's register, list and revoke. docs/api-clients.md is the contract.
#include "http/oauth_request.hpp"
#include "http/oneroster_reply.hpp"
#include "http/pdf_reply.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace oe = app::oauth_error;
namespace {

constexpr const char* token_path = "/oauth/token";
constexpr std::size_t max_scopes_named = 16;  // more names than the box has scopes is a mistake

// RFC 6749 §5.2: {"error", "error_description"}; 401 with a challenge for invalid_client, 429 with
// Retry-After when the address must wait, the database's trouble as 503, never cached (§5.1).
void oauth_fail(Call& c, const Error& e) {
  std::string error = oe::is_one(e.field) ? e.field : "";
  auto s = status::bad_request;
  if (e.code == Errc::throttled) {
    error = oe::temporarily_unavailable;
    s = status::too_many_requests;
  } else if (error.empty()) {
    error = e.code == Errc::unavailable ? oe::temporarily_unavailable : "server_error";
    s = e.code == Errc::unavailable ? status::service_unavailable : status::internal_server_error;
  } else if (error == oe::invalid_client) {
    s = status::unauthorized;
  }
  auto res = make_response(s, c.req.version(), json::serialize(json::object{{"error", error}, {"error_description", e.message}}));
  res.set(bh::field::pragma, "no-cache");
  if (s == status::unauthorized) res.set(bh::field::www_authenticate, "Basic realm=\"classbook\", charset=\"UTF-8\"");
  if (e.code == Errc::throttled) res.set(bh::field::retry_after, e.field);
  c.reply(std::move(res));
}

void post_token(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto type = c.req[bh::field::content_type];
  const auto auth = c.req[bh::field::authorization];
  auto request = read_token_request(std::string_view(type.data(), type.size()), std::string_view(auth.data(), auth.size()),
                                    c.req.body());
  if (!request) return oauth_fail(c, request.error());
  env.api_clients.issue_token(*request, c.peer.address, [cp](Result<app::IssuedToken> r) {
    Call& c = *cp;
    if (!r) return oauth_fail(c, r.error());
    auto res = make_response(status::ok, c.req.version(),
                             json::serialize(json::object{{"access_token", r->access_token},
                                                          {"token_type", "Bearer"},
                                                          {"expires_in", r->expires_in.count()},
                                                          {"scope", domain::to_scope_text(r->scopes)}}));
    res.set(bh::field::pragma, "no-cache");  // Cache-Control: no-store comes with every answer
    c.reply(std::move(res));
  });
}

json::object api_client_json(const rows::ApiClientRecord& k) {
  json::array scopes;
  for (auto s : domain::all_scopes)
    if (k.scopes.has(s)) scopes.emplace_back(domain::to_uri(s));
  auto or_null = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  return json::object{{"client_id", k.client_id}, {"name", k.name},           {"scopes", std::move(scopes)},
                      {"user_id", k.user_uuid},   {"created_at", k.created_at}, {"revoked_at", or_null(k.revoked_at)},
                      {"last_used_at", or_null(k.last_used_at)}};
}

void get_api_clients(Env& env, const CallPtr& cp) {
  answer_list(*cp, "api_clients", env.api_clients.list(cp->session->actor), api_client_json);
}

void post_api_client(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "scopes"});
  if (!f) return c.fail(f.error());
  auto name = f->string("name");
  if (!name) return c.fail(name.error());
  auto names = f->optional_strings("scopes", max_scopes_named);
  if (!names) return c.fail(names.error());
  auto scopes = app::scopes_from_names(*names);
  if (!scopes) return c.fail(scopes.error());
  env.api_clients.add(c.session->actor, *name, *scopes, c.then<app::RegisteredApiClient>(cp, [](Call& c, app::RegisteredApiClient r) {
    // The secret is shown this once; the box keeps only its hash.
    c.json_reply(status::created, json::object{{"client", api_client_json(r.client)},
                                               {"client_secret", r.secret},
                                               {"token_url", origin_of(c.req) + token_path}});
  }));
}

void post_api_client_revoke(Env& env, const CallPtr& cp) {
  env.api_clients.revoke(cp->session->actor, cp->param("client_id"),
                         cp->then<rows::ApiClientRecord>(cp, [](Call& c, const rows::ApiClientRecord& r) {
                           c.json_reply(status::ok, json::object{{"client", api_client_json(r)}});
                         }));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    // Anyone may ask; the client authenticates inside the request (HTTP Basic or the body).
    {V::post, token_path, post_token, open_to(Caller::anyone).taking_body(token_request_body_limit)},
    {V::get, "/api/v1/api-clients", get_api_clients, signed_in({{admin, any}})},
    {V::post, "/api/v1/api-clients", post_api_client, signed_in({{admin, any}})},
    {V::post, "/api/v1/api-clients/{client_id}/revoke", post_api_client_revoke, signed_in({{admin, any}})},
};

// RFC 6750 §3: the challenge of a refused bearer request.
std::string bearer_challenge(const char* error, std::string_view description, std::optional<domain::Scope> scope) {
  std::string out = "Bearer realm=\"classbook\", error=\"" + std::string(error) + "\"";
  // The descriptions are the box's own words (no quotes or backslashes), safe inside a quoted string.
  out += ", error_description=\"" + std::string(description) + "\"";
  if (scope) out += ", scope=\"" + domain::to_uri(*scope) + "\"";
  return out;
}

// A refusal under /ims/ in OneRoster's words, elsewhere in the API's; either way with the challenge.
void refuse_bearer(Call& c, status s, const char* error, const Error& e, std::optional<domain::Scope> scope) {
  const bool oneroster = !c.path.empty() && c.path[0] == "ims";
  Response res = oneroster ? make_response(s, c.req.version(),
                                           imsx_failure(s == status::forbidden ? oneroster_minor::forbidden
                                                                                : oneroster_minor::unauthorised_request,
                                                        e.message))
                           : make_response(s, c.req.version(),
                                           json::serialize(json::object{{"error", json::object{{"code", e.id.c_str()},
                                                                                               {"kind", kind_of(e.code)},
                                                                                               {"message", e.message}}}}));
  res.set(bh::field::www_authenticate, bearer_challenge(error, e.message, scope));
  c.reply(std::move(res));
}

}  // namespace

bool authenticate_api_client(Env& env, Call& c, std::optional<domain::Scope> scope) {
  const auto auth = c.req[bh::field::authorization];
  const std::string_view header(auth.data(), auth.size());
  // RFC 6750 §2.1: the scheme is case-insensitive; the token follows one space.
  const bool bearer = header.size() > 7 && (header.substr(0, 7) == "Bearer " || header.substr(0, 7) == "bearer ");
  if (!bearer) {
    const auto e = make_error(Errc::unauthenticated, "api_token.required",
                              "send an access token from POST /oauth/token as Authorization: Bearer", oe::invalid_token);
    return refuse_bearer(c, status::unauthorized, oe::invalid_token, e, scope), false;
  }
  auto client = env.api_clients.verify(header.substr(7));
  if (!client) {
    if (client.error().field != oe::invalid_token) {  // a failed read: the database's trouble, not the token's
      if (!c.path.empty() && c.path[0] == "ims") return oneroster_fail(c, client.error()), false;
      return c.fail(client.error()), false;
    }
    return refuse_bearer(c, status::unauthorized, oe::invalid_token, client.error(), scope), false;
  }
  if (scope && !client->scopes.has(*scope)) {
    const auto e = make_error(Errc::forbidden, "api_token.scope_missing",
                              "this token does not carry the scope " + domain::to_uri(*scope) +
                                  "; ask for a token with it, if the administrator granted it to this client",
                              oe::insufficient_scope);
    return refuse_bearer(c, status::forbidden, oe::insufficient_scope, e, scope), false;
  }
  c.api_client = std::move(*client);
  return true;
}

std::span<const Route> oauth_routes() { return rows; }

}  // namespace classbook::http
