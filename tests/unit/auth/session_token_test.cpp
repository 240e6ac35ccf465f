// Tests of session tokens: 256 random bits, and a stored hash that is the SHA-256 of the cookie.
#include <catch2/catch.hpp>

#include <set>

#include "auth/session_token.hpp"
#include "classbook/common/crypto.hpp"

using namespace classbook;
using namespace classbook::auth;

TEST_CASE("a session token carries 256 bits and its hash is SHA-256 hex of it") {
  const SessionToken t = make_session_token();
  CHECK(t.token.size() == 43);  // ceil(256 / 6) url-safe base64 characters
  CHECK(t.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(t.hash == sha256_hex(t.token));
  CHECK(t.hash == hash_session_token(t.token));
  CHECK(t.hash.size() == 64);
  CHECK(t.hash != t.token);
}

TEST_CASE("session tokens do not repeat") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(make_session_token().token);
  CHECK(seen.size() == 1000);
}

TEST_CASE("the token hash matches the published SHA-256 vector") {
  CHECK(hash_session_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
