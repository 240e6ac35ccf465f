// Tests of OneRoster API clients on a real database with a fake clock: registration (the secret
// once, its hash kept, an account row that never signs in, the audit entry), tokens (client
// credentials, scopes asked and granted, expiry), revocation that stops tokens at once, and the
// throttle on failed client authentications.
#include <catch2/catch.hpp>

#include "app/api_clients.hpp"
#include "auth/password.hpp"
#include "auth/session_token.hpp"
#include "classbook/common/crypto.hpp"
#include "kiosk_school.hpp"
#include "store/db.hpp"

using namespace classbook;
using namespace classbook::test;
using domain::Scope;
using domain::ScopeSet;

namespace {

struct ClientSchool : KioskSchool {
  app::ApiClients clients{*ctx};

  std::string text(const std::string& sql) {
    auto db = store::Db::open(dir.file("s.db"), store::Db::Mode::read_only);
    REQUIRE(db);
    auto& q = (*db)->prepare(sql);
    REQUIRE(q.next().value());
    auto t = q.text(0);
    REQUIRE(q.run());
    return t;
  }
  app::RegisteredApiClient add(const std::string& name, ScopeSet scopes) {
    auto r = wait_for<app::RegisteredApiClient>([&](auto done) { clients.add(admin, name, scopes, done); });
    REQUIRE(r);
    return *r;
  }
  Result<app::IssuedToken> token(const std::string& id, const std::string& secret, std::optional<std::string> scope = {},
                                 const std::string& address = "10.0.0.7", const std::string& grant = "client_credentials") {
    return wait_for<app::IssuedToken>(
        [&](auto done) { clients.issue_token(app::TokenRequest{grant, id, secret, std::move(scope)}, address, done); });
  }
  Result<rows::ApiClientRecord> revoke(const std::string& client_id) {
    return wait_for<rows::ApiClientRecord>([&](auto done) { clients.revoke(admin, client_id, done); });
  }
};

const ScopeSet roster_and_grades{Scope::roster_readonly, Scope::gradebook_readonly};

}  // namespace

TEST_CASE("registering gives a random id and a 256-bit secret once — the box keeps only the secret's SHA-256") {
  ClientSchool s;
  const auto made = s.add("Learning platform", roster_and_grades);
  CHECK(made.client.client_id.size() == 2 * app::api_client_id_bytes);
  CHECK(made.secret.size() == 43);  // 32 bytes in url-safe base64
  CHECK(made.client.scopes == roster_and_grades);
  CHECK(made.client.name == "Learning platform");
  CHECK_FALSE(made.client.revoked());
  CHECK(s.text("SELECT secret_hash FROM api_clients") == sha256_hex(made.secret));
  CHECK(s.count("SELECT count(*) FROM api_clients WHERE instr(secret_hash, '" + made.secret + "') > 0") == 0);
  CHECK(s.text("SELECT scopes FROM api_clients") == domain::to_scope_text(roster_and_grades));
  // Its own account row, which the audit names: no usable password, disabled, role api_client.
  CHECK(s.text("SELECT login FROM users WHERE id=" + std::to_string(made.client.user_id)) == "api:" + made.client.client_id);
  CHECK(s.text("SELECT role || '/' || disabled || '/' || password_hash FROM users WHERE id=" + std::to_string(made.client.user_id)) ==
        "api_client/1/!");
  // The registration's audit entry: by the administrator, naming the client, never its secret.
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='api_client' AND action='register' AND actor_user=30 AND uuid='" +
                made.client.user_uuid + "' AND instr(after, '" + made.client.client_id + "') > 0") == 1);
  CHECK(s.count("SELECT count(*) FROM audit WHERE instr(after, '" + made.secret + "') > 0") == 0);
  // Two clients never share an id or a secret.
  const auto other = s.add("Classroom tool", ScopeSet{Scope::gradebook_createput});
  CHECK(other.client.client_id != made.client.client_id);
  CHECK(other.secret != made.secret);
}

TEST_CASE("only the administrator registers, lists and revokes — names and scopes are checked") {
  ClientSchool s;
  auto by_director = wait_for<app::RegisteredApiClient>([&](auto done) { s.clients.add(s.director, "X", roster_and_grades, done); });
  REQUIRE_FALSE(by_director);
  CHECK(by_director.error().code == Errc::forbidden);
  CHECK_FALSE(s.clients.list(s.guardian));
  CHECK(s.count("SELECT count(*) FROM api_clients") == 0);

  for (const std::string& bad : {std::string(""), std::string("   "), std::string("two\nlines"), std::string(101, 'x'),
                                 std::string("\xff\xfe")}) {
    auto r = wait_for<app::RegisteredApiClient>([&](auto done) { s.clients.add(s.admin, bad, roster_and_grades, done); });
    REQUIRE_FALSE(r);
    CHECK(r.error().id.view() == "api_client.name_invalid");
  }
  auto none = wait_for<app::RegisteredApiClient>([&](auto done) { s.clients.add(s.admin, "No scopes", ScopeSet{}, done); });
  REQUIRE_FALSE(none);
  CHECK(none.error().id.view() == "api_client.scopes_missing");
  CHECK(s.count("SELECT count(*) FROM api_clients") == 0);
  CHECK(s.count("SELECT count(*) FROM users WHERE role='api_client'") == 0);

  auto unknown = app::scopes_from_names({"roster.readonly", "roster-core.readonly"});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().id.view() == "api_client.scope_unknown");
  CHECK(unknown.error().message.find("roster.readonly, gradebook.readonly, gradebook.createput, gradebook.delete") != std::string::npos);
  auto named = app::scopes_from_names({"gradebook.delete", domain::to_uri(Scope::roster_readonly)});
  REQUIRE(named);
  CHECK(*named == (ScopeSet{Scope::gradebook_delete, Scope::roster_readonly}));

  s.add("One", roster_and_grades);
  s.add("Two", ScopeSet{Scope::gradebook_delete});
  auto listed = s.clients.list(s.admin);
  REQUIRE(listed);
  REQUIRE(listed->size() == 2);
  CHECK((*listed)[0].name == "Two");  // newest first
}

TEST_CASE("a token for the client's credentials: every scope it holds, or the subset asked for") {
  ClientSchool s;
  const auto c = s.add("Platform", roster_and_grades);
  auto all = s.token(c.client.client_id, c.secret);
  REQUIRE(all);
  CHECK(all->scopes == roster_and_grades);
  CHECK(all->expires_in == app::api_token_lifetime);
  CHECK(all->access_token.size() == 43);
  CHECK(s.text("SELECT token_hash FROM api_tokens") == sha256_hex(all->access_token));  // the token itself is not kept

  auto verified = s.clients.verify(all->access_token);
  REQUIRE(verified);
  CHECK(verified->client_id == c.client.client_id);
  CHECK(verified->user_id == c.client.user_id);
  CHECK(verified->name == "Platform");
  CHECK(verified->scopes == roster_and_grades);

  auto narrow = s.token(c.client.client_id, c.secret, domain::to_uri(Scope::gradebook_readonly));
  REQUIRE(narrow);
  CHECK(narrow->scopes == ScopeSet{Scope::gradebook_readonly});
  CHECK(s.clients.verify(narrow->access_token)->scopes == ScopeSet{Scope::gradebook_readonly});

  // The client's own account is the actor of the token's audit entry.
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='api_token' AND action='issue' AND actor_user=" +
                std::to_string(c.client.user_id)) == 2);
  CHECK(s.text("SELECT last_used_at FROM api_clients") == "2026-11-24T05:00:00.000Z");
}

TEST_CASE("scopes beyond the client's, unknown or malformed, are invalid_scope — other grants unsupported") {
  ClientSchool s;
  const auto c = s.add("Platform", ScopeSet{Scope::gradebook_readonly});
  auto beyond = s.token(c.client.client_id, c.secret, domain::to_uri(Scope::roster_readonly));
  REQUIRE_FALSE(beyond);
  CHECK(beyond.error().field == app::oauth_error::invalid_scope);
  CHECK(beyond.error().id.view() == "oauth.scope_not_granted");
  auto unknown = s.token(c.client.client_id, c.secret, "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().field == app::oauth_error::invalid_scope);
  auto malformed = s.token(c.client.client_id, c.secret, "");
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().field == app::oauth_error::invalid_scope);

  auto password_grant = s.token(c.client.client_id, c.secret, {}, "10.0.0.7", "password");
  REQUIRE_FALSE(password_grant);
  CHECK(password_grant.error().field == app::oauth_error::unsupported_grant_type);
  auto no_grant = s.token(c.client.client_id, c.secret, {}, "10.0.0.7", "");
  REQUIRE_FALSE(no_grant);
  CHECK(no_grant.error().field == app::oauth_error::invalid_request);
  CHECK(s.count("SELECT count(*) FROM api_tokens") == 0);
}

TEST_CASE("a wrong secret and an unknown id get the same invalid_client") {
  ClientSchool s;
  const auto c = s.add("Platform", roster_and_grades);
  auto wrong = s.token(c.client.client_id, c.secret + "x");
  auto nobody = s.token("0123456789abcdef0123456789abcdef", c.secret);
  auto empty = s.token(c.client.client_id, "");
  for (const auto* r : {&wrong, &nobody, &empty}) {
    REQUIRE_FALSE(*r);
    CHECK(r->error().field == app::oauth_error::invalid_client);
    CHECK(r->error().code == Errc::unauthenticated);
  }
  CHECK(wrong.error().message == nobody.error().message);
  CHECK(wrong.error().id == nobody.error().id);
  CHECK(s.count("SELECT count(*) FROM api_tokens") == 0);
}

TEST_CASE("a token stops at its expiry, by the clock") {
  ClientSchool s;
  const auto c = s.add("Platform", roster_and_grades);
  auto t = s.token(c.client.client_id, c.secret);
  REQUIRE(t);
  s.clock.advance(app::api_token_lifetime - std::chrono::seconds(1));
  CHECK(s.clients.verify(t->access_token));
  s.clock.advance(std::chrono::seconds(1));
  auto expired = s.clients.verify(t->access_token);
  REQUIRE_FALSE(expired);
  CHECK(expired.error().id.view() == "api_token.expired");
  CHECK(expired.error().field == app::oauth_error::invalid_token);
  // A shorter lifetime (classbookd --api-token-seconds) is what new tokens get.
  s.clients.set_token_lifetime(std::chrono::seconds(5));
  auto short_lived = s.token(c.client.client_id, c.secret);
  REQUIRE(short_lived);
  CHECK(short_lived->expires_in == std::chrono::seconds(5));
  s.clock.advance(std::chrono::seconds(5));
  CHECK_FALSE(s.clients.verify(short_lived->access_token));
  // Expired rows are deleted when the next token is issued.
  REQUIRE(s.token(c.client.client_id, c.secret));
  CHECK(s.count("SELECT count(*) FROM api_tokens") == 1);
}

TEST_CASE("revoking a client stops its tokens at once and refuses its secret — audited once") {
  ClientSchool s;
  const auto c = s.add("Platform", roster_and_grades);
  const auto keep = s.add("Other", roster_and_grades);
  auto t = s.token(c.client.client_id, c.secret);
  auto other = s.token(keep.client.client_id, keep.secret);
  REQUIRE(t);
  REQUIRE(other);
  auto revoked = s.revoke(c.client.client_id);
  REQUIRE(revoked);
  CHECK(revoked->revoked());
  CHECK(revoked->revoked_by == 30);
  auto refused = s.clients.verify(t->access_token);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == app::oauth_error::invalid_token);
  CHECK(s.count("SELECT count(*) FROM api_tokens WHERE client=" + std::to_string(c.client.id)) == 0);
  auto again = s.token(c.client.client_id, c.secret);
  REQUIRE_FALSE(again);
  CHECK(again.error().field == app::oauth_error::invalid_client);
  CHECK(s.clients.verify(other->access_token));  // another client is untouched

  REQUIRE(s.revoke(c.client.client_id));  // again: nothing more happens
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='api_client' AND action='revoke' AND actor_user=30 AND uuid='" +
                c.client.user_uuid + "'") == 1);
  auto missing = s.revoke("no-such-client");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::not_found);
  auto by_teacher = wait_for<rows::ApiClientRecord>([&](auto done) {
    domain::Actor t;
    t.role = domain::Role::teacher;
    s.clients.revoke(t, keep.client.client_id, done);
  });
  REQUIRE_FALSE(by_teacher);
  CHECK(by_teacher.error().code == Errc::forbidden);
}

TEST_CASE("failed client authentications are throttled per client id and address, and per address") {
  ClientSchool s;
  const auto c = s.add("Platform", roster_and_grades);
  for (int i = 0; i < app::free_failures_per_login_and_address; ++i) REQUIRE_FALSE(s.token(c.client.client_id, "wrong"));
  // Now even the right secret waits, from this address…
  auto held = s.token(c.client.client_id, c.secret);
  REQUIRE_FALSE(held);
  CHECK(held.error().code == Errc::throttled);
  CHECK(std::stoi(held.error().field) >= 1);
  // …but not from another: nobody locks a client out from elsewhere.
  CHECK(s.token(c.client.client_id, c.secret, {}, "10.0.0.8"));
  s.clock.advance(app::max_throttle_delay);
  CHECK(s.token(c.client.client_id, c.secret));

  // One address trying many ids is held too.
  for (int i = 0; i < app::free_failures_per_address; ++i) (void)s.token("id-" + std::to_string(i), "x", {}, "10.0.0.66");
  auto crowd = s.token(c.client.client_id, c.secret, {}, "10.0.0.66");
  REQUIRE_FALSE(crowd);
  CHECK(crowd.error().code == Errc::throttled);
}

TEST_CASE("an API client's account never signs in nor holds a session, whatever its row says") {
  ClientSchool s;
  const auto c = s.add("Platform", roster_and_grades);
  app::Sessions sessions(*s.ctx);
  // Someone gives the row a password and enables it by hand: still no sign-in.
  {
    auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->prepare("UPDATE users SET password_hash=?, disabled=0, must_change_password=0 WHERE id=?")
                .bind(1, auth::hash_password("a password set by hand"))
                .bind(2, c.client.user_id)
                .run());
    REQUIRE((*db)->prepare("INSERT INTO sessions(token_hash, user_id, csrf, created_at, last_seen_at) VALUES (?,?,?,?,?)")
                .bind(1, auth::hash_session_token("planted-token"))
                .bind(2, c.client.user_id)
                .bind(3, "csrf")
                .bind(4, "2026-11-24T05:00:00.000Z")
                .bind(5, "2026-11-24T05:00:00.000Z")
                .run());
  }
  auto signed_in = wait_for<app::SignedIn>(
      [&](auto done) { sessions.sign_in("api:" + c.client.client_id, "a password set by hand", "10.0.0.9", "test", done); });
  REQUIRE_FALSE(signed_in);
  CHECK(signed_in.error().id.view() == "sign_in.wrong_credentials");
  auto planted = sessions.resolve("planted-token");
  REQUIRE_FALSE(planted);
  CHECK(planted.error().code == Errc::unauthenticated);
}
