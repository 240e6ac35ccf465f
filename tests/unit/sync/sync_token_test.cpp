// The token source: one token fetched and cached, renewed when under a fifth of its life is left and
// after the portal forgot it, and the client's credentials refused in plain words.
#include <catch2/catch.hpp>

#include "sync/fake_portal_transport.hpp"
#include "sync/portal_paths.hpp"
#include "sync/token_source.hpp"

using namespace classbook;
using namespace classbook::sync;
using namespace std::chrono;

namespace {
TimePoint at(const char* text) {
  TimePoint t{};
  parse_utc(text, t);
  return t;
}
}  // namespace

TEST_CASE("sync token: cached, renewed when a fifth of its lifetime is left, and after a 401") {
  FakeClock clock(at("2026-12-07T22:00:00Z"));
  FakePortalTransport portal(clock, "box-7", "s3cret:+/");
  portal.set_token_lifetime_seconds(1000);
  TokenSource tokens(portal, clock, {"box-7", "s3cret:+/", default_token_path, portal_scopes});
  auto first = tokens.authorization();
  REQUIRE(first);
  CHECK(first->starts_with("Bearer "));
  clock.advance(seconds(790));  // 210 s left of 1000: more than a fifth
  CHECK(*tokens.authorization() == *first);
  CHECK(portal.token_requests() == 1);
  clock.advance(seconds(20));  // 190 s left: under a fifth
  auto second = tokens.authorization();
  REQUIRE(second);
  CHECK(*second != *first);
  CHECK(portal.token_requests() == 2);
  tokens.forget();  // the portal answered 401
  auto third = tokens.authorization();
  REQUIRE(third);
  CHECK(*third != *second);
  CHECK(portal.token_requests() == 3);
}

TEST_CASE("sync token: wrong credentials are an error that names the settings to check") {
  FakeClock clock(at("2026-12-07T22:00:00Z"));
  FakePortalTransport portal(clock, "box-7", "right");
  TokenSource tokens(portal, clock, {"box-7", "wrong", default_token_path, ""});
  auto t = tokens.authorization();
  REQUIRE_FALSE(t);
  CHECK(t.error().id == ErrorCode("sync.portal_credentials_refused"));
  CHECK(t.error().message.find("client_secret") != std::string::npos);
}

TEST_CASE("sync token: HTTP Basic encodes the form-encoded id and secret") {
  CHECK(basic_authorization("Aladdin", "open sesame") == "Basic QWxhZGRpbjpvcGVuK3Nlc2FtZQ==");
  CHECK(basic_authorization("a:b", "c") == "Basic YSUzQWI6Yw==");
}
