// password: argon2id through libargon2's encoded form, the new-password rule, one-time passwords.
#include "auth/password.hpp"

#include <argon2.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <set>
#include <vector>

#include "classbook/common/crypto.hpp"

namespace classbook::auth {
namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// Substrings that put a password among the first guesses of any cracking list.
constexpr std::string_view kCommonFragments[] = {
    "password", "passwort", "qwerty", "qwertz", "azerty", "123456",
    "654321",   "abcdef",   "letmein", "classbook", "пароль", "йцукен",
};

struct Argon2Params {
  std::uint32_t version = 0;
  std::uint32_t memory_kib = 0;
  std::uint32_t iterations = 0;
  std::uint32_t parallelism = 0;
  std::size_t salt_bytes = 0;
  std::size_t hash_bytes = 0;
};

bool parse_number(std::string_view text, std::uint32_t& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Bytes carried by unpadded base64 text of this length.
std::size_t base64_bytes(std::size_t chars) { return chars * 3 / 4; }

// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>" → its parameters; nullopt for anything else,
// including argon2i/argon2d and the version-less v1.0 form.
std::optional<Argon2Params> parse_encoded(std::string_view encoded) {
  if (!encoded.starts_with(kArgon2idPrefix)) return std::nullopt;
  encoded.remove_prefix(kArgon2idPrefix.size());
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const std::size_t dollar = encoded.find('$', at);
    const std::size_t len = dollar == std::string_view::npos ? std::string_view::npos : dollar - at;
    parts.push_back(encoded.substr(at, len));
    if (dollar == std::string_view::npos) break;
    at = dollar + 1;
  }
  if (parts.size() != 4 || !parts[0].starts_with("v=")) return std::nullopt;
  Argon2Params p;
  if (!parse_number(parts[0].substr(2), p.version)) return std::nullopt;
  const std::string_view cost = parts[1];
  const std::size_t c1 = cost.find(',');
  const std::size_t c2 = c1 == std::string_view::npos ? c1 : cost.find(',', c1 + 1);
  if (c2 == std::string_view::npos) return std::nullopt;
  const std::string_view m = cost.substr(0, c1);
  const std::string_view t = cost.substr(c1 + 1, c2 - c1 - 1);
  const std::string_view par = cost.substr(c2 + 1);
  if (!m.starts_with("m=") || !t.starts_with("t=") || !par.starts_with("p=")) return std::nullopt;
  if (!parse_number(m.substr(2), p.memory_kib) || !parse_number(t.substr(2), p.iterations) ||
      !parse_number(par.substr(2), p.parallelism)) {
    return std::nullopt;
  }
  p.salt_bytes = base64_bytes(parts[2].size());
  p.hash_bytes = base64_bytes(parts[3].size());
  return p;
}

// One entry per UTF-8 code point; a stray continuation byte counts as its own character.
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      out.push_back(text.substr(start, i - start));
      start = i;
    }
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Lower, upper, digit, other ASCII, non-ASCII: how many of these five kinds the text uses.
int character_kinds(std::string_view text) {
  bool lower = false, upper = false, digit = false, symbol = false, other = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) other = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;
  }
  return int{lower} + int{upper} + int{digit} + int{symbol} + int{other};
}

std::string group(std::string_view plain) {
  std::string out;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && i % kOneTimePasswordGroup == 0) out += '-';
    out += plain[i];
  }
  return out;
}

}  // namespace

namespace {

std::string hash_with(std::string_view password, std::uint32_t iterations, std::uint32_t memory_kib) {
  const auto salt = random_bytes(kArgon2SaltBytes);
  std::string encoded(argon2_encodedlen(iterations, memory_kib, kArgon2Parallelism, kArgon2SaltBytes, kArgon2HashBytes,
                                        Argon2_id) + 1,
                      '\0');
  const int rc = argon2id_hash_encoded(iterations, memory_kib, kArgon2Parallelism, password.data(), password.size(),
                                       salt.data(), salt.size(), kArgon2HashBytes, encoded.data(), encoded.size());
  if (rc == ARGON2_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
  if (rc != ARGON2_OK) {
    // Only a defect gets here: the parameters are constants that libargon2 accepts.
    std::fprintf(stderr, "fatal: argon2id hashing failed: %s\n", argon2_error_message(rc));
    std::abort();
  }
  encoded.resize(std::strlen(encoded.c_str()));
  return encoded;
}

}  // namespace

std::string hash_password(std::string_view password) {
  return hash_with(password, kArgon2Iterations, kArgon2MemoryKiB);
}

std::string hash_one_time_password(std::string_view otp) {
  return hash_with(otp, kOneTimeArgon2Iterations, kOneTimeArgon2MemoryKiB);
}

namespace {
std::atomic<std::uint64_t> verifications{0};

// The work of one verification at today's cost, against a decoy that matches nothing.
void spend_a_verification(std::string_view password) {
  static const std::string decoy = hash_password("decoy that matches nothing");
  (void)argon2id_verify(decoy.c_str(), password.data(), password.size());
}
}  // namespace

std::uint64_t verifications_done() { return verifications.load(); }

bool verify_password(std::string_view password, const std::string& encoded) {
  ++verifications;
  const auto p = parse_encoded(encoded);
  if (!p || p->memory_kib > kArgon2MaxAcceptedMemoryKiB || p->iterations > kArgon2MaxAcceptedIterations ||
      p->parallelism > kArgon2MaxAcceptedParallelism) {
    // An account without a usable hash (the box's own sender, a damaged row) must not answer
    // faster than one with a hash: spend the same work on a decoy, then refuse.
    spend_a_verification(password);
    return false;
  }
  // argon2id_verify compares in constant time.
  const bool ok = argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
  if (p->memory_kib < kArgon2MemoryKiB || p->iterations < kArgon2Iterations) {
    spend_a_verification(password);
  }
  return ok;
}

bool needs_rehash(const std::string& encoded) {
  const auto p = parse_encoded(encoded);
  return !p || p->version < ARGON2_VERSION_13 || p->memory_kib < kArgon2MemoryKiB ||
         p->iterations < kArgon2Iterations || p->parallelism < kArgon2Parallelism ||
         p->salt_bytes < kArgon2SaltBytes || p->hash_bytes < kArgon2HashBytes;
}

std::size_t count_characters(std::string_view text) { return characters(text).size(); }

std::optional<std::string> check_password_strength(std::string_view password, std::string_view login) {
  const auto chars = characters(password);
  if (chars.size() < kMinPasswordLength) {
    return "Use at least " + std::to_string(kMinPasswordLength) +
           " characters. A few unrelated words make a password that is long and easy to remember.";
  }
  if (chars.size() > kMaxPasswordLength) {
    return "Use at most " + std::to_string(kMaxPasswordLength) + " characters.";
  }
  const std::string lower = ascii_lower(password);
  const std::string lower_login = ascii_lower(login);
  if (!lower_login.empty() &&
      (lower == lower_login ||
       (lower_login.size() >= kMinLoginLengthToMatch && lower.find(lower_login) != std::string::npos))) {
    return std::string("Do not put your login name in the password: it is the first thing anyone would try.");
  }
  for (const auto fragment : kCommonFragments) {
    if (lower.find(fragment) != std::string::npos) {
      return "\"" + std::string(fragment) +
             "\" is in every list of guessed passwords. Choose something less common.";
    }
  }
  const std::set<std::string_view> distinct(chars.begin(), chars.end());
  if (distinct.size() < kMinDistinctCharacters) {
    return "Use at least " + std::to_string(kMinDistinctCharacters) +
           " different characters; repeating a few is easy to guess.";
  }
  if (chars.size() < kPassphraseLength && character_kinds(password) < 2) {
    return "Mix letters with digits, capitals or symbols, or make the password at least " +
           std::to_string(kPassphraseLength) + " characters long.";
  }
  return std::nullopt;
}

std::string make_one_time_password() {
  // Rejection sampling: only bytes below a multiple of the alphabet size keep the choice uniform.
  constexpr std::size_t n = kOneTimePasswordAlphabet.size();
  constexpr std::size_t limit = 256 / n * n;
  std::string plain;
  while (plain.size() < kOneTimePasswordLength) {
    for (const auto b : random_bytes(kOneTimePasswordLength)) {
      if (b < limit && plain.size() < kOneTimePasswordLength) plain += kOneTimePasswordAlphabet[b % n];
    }
  }
  return group(plain);
}

std::string normalize_one_time_password(std::string_view typed) {
  std::string plain;
  for (const char c : ascii_lower(typed)) {
    if (c == '-' || c == ' ') continue;
    if (kOneTimePasswordAlphabet.find(c) == std::string_view::npos) return std::string(typed);
    plain += c;
  }
  if (plain.size() != kOneTimePasswordLength) return std::string(typed);
  return group(plain);
}

}  // namespace classbook::auth
