// session_token: the secret a browser holds for a session, and the hash the server keeps of it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace classbook::auth {

inline constexpr std::size_t kSessionTokenBytes = 32;  // 256 bits from the CSPRNG

struct SessionToken {
  std::string token;  // goes to the browser in the cookie, never stored
  std::string hash;   // sha256 hex of token: what the sessions table keeps
};

SessionToken make_session_token();

// The key to look a presented token up by. A fast hash is enough: the token has 256 bits of
// entropy, so there is nothing to guess, and a stolen table holds no usable cookie.
std::string hash_session_token(std::string_view token);

}  // namespace classbook::auth
