// Tests of password hashing, the new-password rule and one-time passwords.
#include <catch2/catch.hpp>

#include <argon2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "auth/password.hpp"

using namespace classbook::auth;

namespace {

// A hash made straight with libargon2, with whatever parameters a test needs.
std::string argon2id_with(std::uint32_t t, std::uint32_t m, std::uint32_t p, std::string_view pw) {
  const std::string salt = "0123456789abcdef";
  std::vector<char> out(argon2_encodedlen(t, m, p, static_cast<std::uint32_t>(salt.size()), 32, Argon2_id) + 1);
  REQUIRE(argon2id_hash_encoded(t, m, p, pw.data(), pw.size(), salt.data(), salt.size(), 32, out.data(),
                                out.size()) == ARGON2_OK);
  return out.data();
}

}  // namespace

TEST_CASE("a password verifies against its own hash and no other") {
  const std::string hash = hash_password("correct horse battery");
  CHECK(verify_password("correct horse battery", hash));
  CHECK_FALSE(verify_password("correct horse batterY", hash));
  CHECK_FALSE(verify_password("", hash));
  CHECK_FALSE(verify_password("correct horse battery", ""));
  CHECK_FALSE(verify_password("correct horse battery", "not a hash"));
  CHECK_FALSE(needs_rehash(hash));
}

TEST_CASE("Cyrillic and empty passwords hash and verify") {
  const std::string hash = hash_password("пароль-для-Анны");
  CHECK(verify_password("пароль-для-Анны", hash));
  CHECK_FALSE(verify_password("пароль-для-анны", hash));
  const std::string empty = hash_password("");
  CHECK(verify_password("", empty));
}

TEST_CASE("two hashes of one password differ by their salt") {
  const std::string a = hash_password("same password");
  const std::string b = hash_password("same password");
  CHECK(a != b);
  CHECK(verify_password("same password", a));
  CHECK(verify_password("same password", b));
}

TEST_CASE("the encoded hash says argon2id with at least OWASP's parameters") {
  const std::string hash = hash_password("whatever it is");
  CHECK(hash.rfind("$argon2id$v=19$", 0) == 0);
  unsigned m = 0, t = 0, p = 0;
  REQUIRE(std::sscanf(hash.c_str(), "$argon2id$v=19$m=%u,t=%u,p=%u$", &m, &t, &p) == 3);
  CHECK(m >= 19456);
  CHECK(t >= 2);
  CHECK(p >= 1);
  // 16-byte salt and 32-byte hash: 22 and 43 unpadded base64 characters.
  const auto salt_at = hash.find('$', hash.find("p=")) + 1;
  const auto hash_at = hash.find('$', salt_at) + 1;
  CHECK(hash_at - salt_at - 1 == 22);
  CHECK(hash.size() - hash_at == 43);
}

TEST_CASE("hashes weaker than today's need a rehash, and still verify") {
  const std::string weak_memory = argon2id_with(2, 4096, 1, "old password");
  CHECK(needs_rehash(weak_memory));
  CHECK(verify_password("old password", weak_memory));
  CHECK(needs_rehash(argon2id_with(1, 19456, 1, "old password")));
  CHECK_FALSE(needs_rehash(argon2id_with(3, 19456, 1, "old password")));
  CHECK(needs_rehash("$argon2i$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$abc"));
  CHECK(needs_rehash("garbage"));
}

TEST_CASE("a stored hash asking for absurd memory is refused without trying") {
  const std::string absurd = "$argon2id$v=19$m=4194304,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"
                             "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  CHECK_FALSE(verify_password("anything", absurd));
}

TEST_CASE("weak passwords get a message that says what to do") {
  const auto message = [](std::string_view pw, std::string_view login = "anna.petrova") {
    return check_password_strength(pw, login).value_or("");
  };
  CHECK(message("short1!").find("at least 10") != std::string::npos);
  CHECK(message("Anna.Petrova-2024").find("login") != std::string::npos);
  CHECK(message("anna.petrova").find("login") != std::string::npos);
  CHECK(message("MyPassword2024").find("password") != std::string::npos);
  CHECK(message("qwerty-ASDF-77").find("qwerty") != std::string::npos);
  CHECK(message("aaaaaaaaaaaa").find("different characters") != std::string::npos);
  CHECK(message("abababababab").find("different characters") != std::string::npos);
  CHECK(message("sunflowerz").find("Mix") != std::string::npos);
  CHECK(message("7395102846").find("Mix") != std::string::npos);
  CHECK(message(std::string(300, 'x') + "Y1").find("at most") != std::string::npos);

  CHECK_FALSE(check_password_strength("Sunflower-42", "anna.petrova"));
  CHECK_FALSE(check_password_strength("green tractor river moon", "anna.petrova"));
  CHECK_FALSE(check_password_strength("sunflowerfieldsforever", "anna.petrova"));  // long enough alone
  CHECK_FALSE(check_password_strength("Зелёный-трактор", "anna.petrova"));
  // A two-letter login does not forbid every password containing those letters.
  CHECK_FALSE(check_password_strength("Sunflower-42", "su"));
}

TEST_CASE("length counts characters, not bytes") {
  // Nine Cyrillic letters are 18 bytes but still too short.
  CHECK(check_password_strength("Ёжиковый9", "anna").value_or("").find("at least 10") != std::string::npos);
}

TEST_CASE("one-time passwords are grouped, unambiguous and random") {
  std::set<std::string> seen;
  std::set<char> used;
  for (int i = 0; i < 500; ++i) {
    const std::string otp = make_one_time_password();
    REQUIRE(otp.size() == 12);
    CHECK(otp[4] == '-');
    CHECK(otp[9] == '-');
    for (std::size_t j = 0; j < otp.size(); ++j) {
      if (j == 4 || j == 9) continue;
      CHECK(kOneTimePasswordAlphabet.find(otp[j]) != std::string_view::npos);
      used.insert(otp[j]);
    }
    seen.insert(otp);
  }
  CHECK(seen.size() == 500);
  CHECK(used.size() == kOneTimePasswordAlphabet.size());  // 5000 draws reach every symbol
  for (char ambiguous : std::string("01ilo")) CHECK(kOneTimePasswordAlphabet.find(ambiguous) == std::string_view::npos);
}

TEST_CASE("a one-time password typed loosely verifies against its hash") {
  const std::string otp = make_one_time_password();
  const std::string hash = hash_one_time_password(otp);
  std::string typed;
  for (char c : otp) {
    if (c != '-') typed += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  CHECK(normalize_one_time_password(typed) == otp);
  CHECK(normalize_one_time_password(" " + otp + " ") == otp);
  CHECK(verify_password(normalize_one_time_password(typed), hash));
  CHECK(normalize_one_time_password("k7m2-qx9p") == "k7m2-qx9p");        // too short: unchanged
  CHECK(normalize_one_time_password("k7m2-qx9p-4o") == "k7m2-qx9p-4o");  // 'o' is not in the alphabet
}

TEST_CASE("a one-time password's hash is cheaper, yet verifying it takes a full verification's time") {
  const std::string otp = make_one_time_password();
  const std::string hash = hash_one_time_password(otp);
  CHECK(hash.find("$m=" + std::to_string(kOneTimeArgon2MemoryKiB) + ",t=" + std::to_string(kOneTimeArgon2Iterations) + ",") !=
        std::string::npos);
  CHECK(needs_rehash(hash));  // the person's own password, at the first sign-in, gets today's cost
  CHECK(verify_password(otp, hash));
  CHECK_FALSE(verify_password("k7m2-qx9p-4w", hash));
  const std::string full = hash_password("a password of full cost");
  using clock = std::chrono::steady_clock;
  // The least of seven, the three taken in turn: a busy machine only ever adds time, and a load that
  // comes and goes (a CI run beside a benchmark) then falls on all three alike rather than on one.
  auto took = [](auto&& f) {
    const auto t0 = clock::now();
    f();
    return clock::now() - t0;
  };
  auto cheap_alone = clock::duration::max(), one_time = cheap_alone, chosen = cheap_alone;
  for (int i = 0; i < 7; ++i) {
    cheap_alone = std::min(cheap_alone, took([&] { (void)hash_one_time_password(otp); }));
    one_time = std::min(one_time, took([&] { (void)verify_password(otp, hash); }));
    chosen = std::min(chosen, took([&] { (void)verify_password("a password of full cost", full); }));
  }
  CHECK(cheap_alone * 3 < chosen);     // the slip's hash really is cheap to make
  CHECK(one_time * 10 >= chosen * 8);  // but checking it is not much quicker than a chosen password's
}
