// session_token: 256-bit random session secrets and their SHA-256 lookup keys.
#include "auth/session_token.hpp"

#include "classbook/common/crypto.hpp"

namespace classbook::auth {

SessionToken make_session_token() {
  std::string token = random_token(kSessionTokenBytes);
  std::string hash = hash_session_token(token);
  return SessionToken{std::move(token), std::move(hash)};
}

std::string hash_session_token(std::string_view token) { return sha256_hex(token); }

}  // namespace classbook::auth
