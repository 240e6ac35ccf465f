// Tests of reading POST /oauth/token: the form, HTTP Basic with form-encoded credentials (RFC 6749
// §2.3.1), one way of authenticating, parameters sent once, and the decoders under them.
#include <catch2/catch.hpp>

#include "http/oauth_request.hpp"

using namespace classbook;
using namespace classbook::http;

namespace {
constexpr const char* form = "application/x-www-form-urlencoded";
std::string basic(const std::string& raw_base64) { return "Basic " + raw_base64; }
}  // namespace

TEST_CASE("base64 as RFC 4648 has it, padding included") {
  CHECK(base64_decode("") == std::string());
  CHECK(base64_decode("Zg==") == std::string("f"));
  CHECK(base64_decode("Zm8=") == std::string("fo"));
  CHECK(base64_decode("Zm9v") == std::string("foo"));
  CHECK(base64_decode("Zm9vYmFy") == std::string("foobar"));
  CHECK(base64_decode("YWJjOmQrZT1m") == std::string("abc:d+e=f"));
  for (const char* bad : {"Zg=", "Zg", "Z===", "Zm9v!A==", "=Zm9", "Zg==Zg==", "Zm-_"}) CHECK_FALSE(base64_decode(bad));
}

TEST_CASE("form decoding: %XX and + as a space") {
  CHECK(form_decode("a+b%20c%2B%3D") == std::string("a b c+="));
  CHECK(form_decode("%D0%AF") == std::string("\xD0\xAF"));
  for (const char* bad : {"%", "%2", "%G0", "a%"}) CHECK_FALSE(form_decode(bad));
}

TEST_CASE("the client's credentials in the body") {
  auto r = read_token_request(form, "", "grant_type=client_credentials&client_id=abc&client_secret=s%2Bx&scope=a+b");
  REQUIRE(r);
  CHECK(r->grant_type == "client_credentials");
  CHECK(r->client_id == "abc");
  CHECK(r->client_secret == "s+x");
  CHECK(r->scope == std::optional<std::string>("a b"));
  auto no_scope = read_token_request("application/x-www-form-urlencoded; charset=UTF-8", "", "grant_type=client_credentials");
  REQUIRE(no_scope);
  CHECK_FALSE(no_scope->scope);
  CHECK(no_scope->client_id.empty());
  // Parameters the box does not know are ignored (RFC 6749 §3.2).
  CHECK(read_token_request(form, "", "grant_type=client_credentials&audience=x"));
}

TEST_CASE("HTTP Basic: base64 of the form-encoded id and secret") {
  // "my%3Aid:p%40ss+word" → id "my:id", secret "p@ss word"
  auto r = read_token_request(form, basic("bXklM0FpZDpwJTQwc3Mrd29yZA=="), "grant_type=client_credentials");
  REQUIRE(r);
  CHECK(r->client_id == "my:id");
  CHECK(r->client_secret == "p@ss word");
  // The same client id repeated in the body is allowed; a second secret is not.
  CHECK(read_token_request(form, basic("aWQ6c2VjcmV0"), "grant_type=client_credentials&client_id=id"));
  auto twice = read_token_request(form, basic("aWQ6c2VjcmV0"), "grant_type=client_credentials&client_secret=secret");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().field == app::oauth_error::invalid_request);
  auto other_id = read_token_request(form, basic("aWQ6c2VjcmV0"), "grant_type=client_credentials&client_id=someone");
  REQUIRE_FALSE(other_id);
  CHECK(other_id.error().field == app::oauth_error::invalid_request);
  // The scheme's name is case-insensitive.
  CHECK(read_token_request(form, "basic aWQ6c2VjcmV0", "grant_type=client_credentials"));
}

TEST_CASE("what is no Basic credential is invalid_client") {
  for (const char* h : {"Basic", "Basic !!!!", "Basic aWRzZWNyZXQ=" /* no colon */, "Bearer abc", "Digest x"}) {
    auto r = read_token_request(form, h, "grant_type=client_credentials");
    REQUIRE_FALSE(r);
    CHECK(r.error().field == app::oauth_error::invalid_client);
  }
}

TEST_CASE("a body that is no form, a parameter twice or a broken escape is invalid_request") {
  for (auto [type, body] : {std::pair{"application/json", "{\"grant_type\":\"client_credentials\"}"},
                            {"", "grant_type=client_credentials"},
                            {form, "grant_type=client_credentials&grant_type=client_credentials"},
                            {form, "grant_type=client_credentials&scope=a&scope=b"},
                            {form, "grant_type=client%ZZcredentials"}}) {
    auto r = read_token_request(type, "", body);
    REQUIRE_FALSE(r);
    CHECK(r.error().field == app::oauth_error::invalid_request);
  }
}
