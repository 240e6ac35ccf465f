// Tests of hashing, ids and tokens.
#include <catch2/catch.hpp>

#include <set>

#include "classbook/common/crypto.hpp"

using namespace classbook;

TEST_CASE("SHA-256 matches the published test vector") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("UUIDs are version 4, canonical and distinct") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto u = new_uuid();
    CHECK(is_uuid(u));
    CHECK(u[14] == '4');
    CHECK(std::string("89ab").find(u[19]) != std::string::npos);
    seen.insert(u);
  }
  CHECK(seen.size() == 1000);
  CHECK_FALSE(is_uuid("not-a-uuid"));
  CHECK_FALSE(is_uuid("0123456789abcdef0123456789abcdef0123"));
  CHECK_FALSE(is_uuid("01234567-89ab-cdef-0123-456789abcdeg"));
}

TEST_CASE("v7 UUIDs carry their millisecond in order, then randomness") {
  const std::int64_t ms = 1'764'921'600'123;  // 2025-12-05T08:00:00.123Z
  const auto a = new_uuid_v7(ms), b = new_uuid_v7(ms), later = new_uuid_v7(ms + 1);
  CHECK(is_uuid(a));
  CHECK(a[14] == '7');
  CHECK(std::string("89ab").find(a[19]) != std::string::npos);
  CHECK(a.substr(0, 13) == "019aed86-687b");  // the first 48 bits: 1764921600123 = 0x019aed86687b
  CHECK(a != b);       // same millisecond, different random bits
  CHECK(a.substr(0, 13) == b.substr(0, 13));
  CHECK(later > a);    // canonical text sorts as time does
  CHECK(later > b);
  CHECK(new_uuid_v7(-5).substr(0, 13) == "00000000-0000");  // before 1970: clamped, never garbage
}

TEST_CASE("tokens carry the requested entropy in url-safe text") {
  const auto t = random_token(32);
  CHECK(t.size() == 43);  // ceil(256 / 6)
  CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(random_token(32) != t);
}

TEST_CASE("constant-time comparison compares") {
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "abcd"));
}
