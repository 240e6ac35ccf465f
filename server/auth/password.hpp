// password: argon2id hashing of sign-in secrets, the strength rule for new passwords, one-time passwords.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace classbook::auth {

// OWASP's argon2id minimum (m=19 MiB, t=2, p=1): about 30 ms a hash on the box, cheap enough for a
// morning rush of sign-ins, far too dear for guessing offline.
inline constexpr std::uint32_t kArgon2MemoryKiB = 19456;
inline constexpr std::uint32_t kArgon2Iterations = 2;
inline constexpr std::uint32_t kArgon2Parallelism = 1;
inline constexpr std::size_t kArgon2SaltBytes = 16;
inline constexpr std::size_t kArgon2HashBytes = 32;
// A stored hash asking for more than this is damaged or planted; verifying it could exhaust memory.
inline constexpr std::uint32_t kArgon2MaxAcceptedMemoryKiB = 256 * 1024;
inline constexpr std::uint32_t kArgon2MaxAcceptedIterations = 16;
inline constexpr std::uint32_t kArgon2MaxAcceptedParallelism = 8;

inline constexpr std::size_t kMinPasswordLength = 10;     // characters (UTF-8 code points)
inline constexpr std::size_t kMaxPasswordLength = 256;    // characters; longer is a paste accident
inline constexpr std::size_t kPassphraseLength = 16;      // from here one kind of character will do
inline constexpr std::size_t kMinDistinctCharacters = 5;  // "aaaaaaaaab" is not a password
inline constexpr std::size_t kMinLoginLengthToMatch = 3;  // a 2-letter login would forbid too much

inline constexpr std::size_t kOneTimePasswordLength = 10;  // ~49 bits from 31 symbols
inline constexpr std::size_t kOneTimePasswordGroup = 4;    // "k7m2-qx9p-4w"
// Lower-case letters and digits without the look-alikes 0/o, 1/l/i.
inline constexpr std::string_view kOneTimePasswordAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";

// A one-time password is random (kOneTimePasswordLength symbols, ~49 bits), works for days and must
// be replaced at the first sign-in, so it needs far less stretching than a password a person chose:
// 2^48 guesses at ~0.7 ms each are thousands of core-years. That is what lets the office print a
// whole school's login slips in a second or two instead of half a minute.
inline constexpr std::uint32_t kOneTimeArgon2MemoryKiB = 2048;
inline constexpr std::uint32_t kOneTimeArgon2Iterations = 1;

// The argon2id encoded form ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash") with a fresh random salt.
// Throws std::bad_alloc if the hash's working memory cannot be had, like any allocation.
std::string hash_password(std::string_view password);
// The same form at the one-time password's cost (m=2048,t=1): only for make_one_time_password's.
std::string hash_one_time_password(std::string_view otp);

// False for a wrong password and for anything that is not an argon2id encoding we accept. A hash
// cheaper than today's (a one-time password's) is followed by a full-cost decoy verification, so the
// time taken does not tell whether an account still holds its login slip's password.
bool verify_password(std::string_view password, const std::string& encoded);

// How many verify_password calls this process made: each costs the same ~30 ms, so sign-in answers
// in the same time when every path makes the same number of them (tests count them).
std::uint64_t verifications_done();

// True when `encoded` was made with weaker parameters than today's (or is not argon2id v1.3):
// after a successful sign-in, store hash_password(password) in its place.
bool needs_rehash(const std::string& encoded);

// Why `password` is too weak for the account `login`, as a sentence for the person choosing it;
// nullopt when it will do.
std::optional<std::string> check_password_strength(std::string_view password, std::string_view login);

// Length in characters as the password rules count it: UTF-8 code points (a stray continuation
// byte counts as one). Sign-in and the strength rule both use it, so a 200-letter Cyrillic
// password that was accepted can also be typed at sign-in.
std::size_t count_characters(std::string_view text);

// A fresh password for a login slip, grouped for typing: "k7m2-qx9p-4w".
std::string make_one_time_password();

// What a person typed for a one-time password, in the form make_one_time_password gave: case,
// spaces and dashes do not matter. Anything else is returned unchanged, to fail verification.
std::string normalize_one_time_password(std::string_view typed);

}  // namespace classbook::auth
