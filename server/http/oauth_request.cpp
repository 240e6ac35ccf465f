// oauth_request: reading the token request's form, its Basic credentials, and the decoders they need.
#include "http/oauth_request.hpp"

#include <map>

namespace classbook::http {
namespace oe = app::oauth_error;
namespace {

Error invalid(ErrorCode id, std::string message) {
  return make_error(Errc::invalid_input, id, std::move(message), oe::invalid_request);
}

Error bad_basic() {
  return make_error(Errc::unauthenticated, "oauth.basic_malformed",
                    "the Authorization header is no HTTP Basic credential: send Basic base64(client_id:client_secret)",
                    oe::invalid_client);
}

int hex_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

int base64_value(char ch) {
  if (ch >= 'A' && ch <= 'Z') return ch - 'A';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9') return ch - '0' + 52;
  if (ch == '+') return 62;
  if (ch == '/') return 63;
  return -1;
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      const char ch = text[i + static_cast<std::size_t>(k)];
      if (ch == '=' && i + 4 == text.size() && k >= 2) {
        v[k] = 0;
        ++pad;
        continue;
      }
      if (pad > 0) return std::nullopt;  // a symbol after padding
      v[k] = base64_value(ch);
      if (v[k] < 0) return std::nullopt;
    }
    const unsigned n = (unsigned(v[0]) << 18) | (unsigned(v[1]) << 12) | (unsigned(v[2]) << 6) | unsigned(v[3]);
    out += static_cast<char>((n >> 16) & 0xff);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xff);
    if (pad < 1) out += static_cast<char>(n & 0xff);
  }
  return out;
}

std::optional<std::string> form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // "%" or "%A" at the end
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Result<app::TokenRequest> read_token_request(std::string_view content_type, std::string_view authorization,
                                             std::string_view body) {
  if (!iequals_prefix(content_type, "application/x-www-form-urlencoded"))
    return invalid("oauth.not_a_form", "send the token request as Content-Type: application/x-www-form-urlencoded");
  std::map<std::string, std::string, std::less<>> params;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = form_decode(pair.substr(0, eq));
    auto value = form_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name || !value) return invalid("oauth.form_malformed", "the form has a malformed %-escape");
    // RFC 6749 §3.2: a parameter MUST NOT be sent more than once.
    if (!params.emplace(std::move(*name), std::move(*value)).second)
      return invalid("oauth.parameter_repeated", "send each parameter once");
  }
  app::TokenRequest r;
  auto take = [&params](const char* name) -> std::optional<std::string> {
    auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    return it->second;
  };
  r.grant_type = take("grant_type").value_or("");
  r.scope = take("scope");
  const auto body_id = take("client_id");
  const auto body_secret = take("client_secret");
  if (!authorization.empty()) {
    if (!iequals_prefix(authorization, "basic ")) return bad_basic();
    auto decoded = base64_decode(authorization.substr(6));
    if (!decoded) return bad_basic();
    const auto colon = decoded->find(':');
    if (colon == std::string::npos) return bad_basic();
    auto id = form_decode(std::string_view(*decoded).substr(0, colon));
    auto secret = form_decode(std::string_view(*decoded).substr(colon + 1));
    if (!id || !secret) return bad_basic();
    // RFC 6749 §2.3: one way of authenticating per request. A client_id repeated in the body is allowed
    // only when it is the same one.
    if (body_secret || (body_id && *body_id != *id))
      return invalid("oauth.two_authentications", "authenticate the client one way: HTTP Basic or the body, not both");
    r.client_id = std::move(*id);
    r.client_secret = std::move(*secret);
  } else {
    r.client_id = body_id.value_or("");
    r.client_secret = body_secret.value_or("");
  }
  return r;
}

}  // namespace classbook::http
