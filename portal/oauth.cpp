// oauth: client secrets and tokens are stored only as SHA-256; a token names its client and scopes.
#include "oauth.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "classbook/common/crypto.hpp"
#include "signature.hpp"  // base64_decode

namespace classbook::portal {
namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool has_word(const std::string& list, std::string_view word) {
  for (const auto& w : words(list))
    if (w == word) return true;
  return false;
}

std::int64_t now_ms(const Clock& clock) { return clock.now().time_since_epoch().count(); }

}  // namespace

std::string url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') out += ' ';
    else if (text[i] == '%' && i + 2 < text.size() &&
             std::isxdigit(static_cast<unsigned char>(text[i + 1])) && std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else out += text[i];
  }
  return out;
}

std::string form_value(std::string_view form, std::string_view name) {
  while (!form.empty()) {
    const auto amp = form.find('&');
    const auto pair = form.substr(0, amp);
    const auto eq = pair.find('=');
    if (url_decode(pair.substr(0, eq)) == name) return eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    form.remove_prefix(amp + 1);
  }
  return {};
}

Result<NewClient> OAuth::create_client(const std::string& org_sourced_id) {
  NewClient client{new_uuid(), random_token(kSecretBytes)};
  std::string scopes;
  for (auto s : kSchoolClientScopes) scopes += (scopes.empty() ? "" : " ") + std::string(s);
  auto put = db_.prepare("INSERT INTO clients(client_id, secret_sha256, org_sourced_id, scopes) VALUES(?,?,?,?)");
  if (!put) return put.error();
  put->bind(1, client.client_id).bind(2, sha256_hex(client.client_secret)).bind(3, org_sourced_id).bind(4, scopes);
  if (auto s = put->run(); !s) return s.error();
  return client;
}

Result<Grant> OAuth::issue(std::string_view authorization, std::string_view form) {
  const auto bad_client = [] {
    return make_error(Errc::unauthenticated, "oauth.invalid_client",
                      "client authentication failed: send the client_id and client_secret of client.json by HTTP Basic");
  };
  if (!authorization.starts_with("Basic ")) return bad_client();
  const auto decoded = base64_decode(authorization.substr(6));
  if (!decoded) return bad_client();
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return bad_client();
  // RFC 6749 §2.3.1: id and secret are form-encoded before Basic joins them.
  const std::string id = url_decode(decoded->substr(0, colon)), secret = url_decode(decoded->substr(colon + 1));
  auto q = db_.prepare("SELECT secret_sha256, scopes FROM clients WHERE client_id = ?");
  if (!q) return q.error();
  q->bind(1, id);
  auto found = q->step();
  if (!found) return found.error();
  if (!*found || !constant_time_equal(q->text(0), sha256_hex(secret))) return bad_client();
  const std::string allowed = q->text(1);

  if (form_value(form, "grant_type") != "client_credentials")
    return make_error(Errc::invalid_input, "oauth.unsupported_grant_type", "grant_type must be client_credentials");
  // RFC 6749 §3.3: without a scope the server grants its default — here, all the client has.
  const std::string asked = form_value(form, "scope");
  std::string scope;
  for (const auto& w : words(asked.empty() ? allowed : asked)) {
    if (!has_word(allowed, w))
      return make_error(Errc::invalid_input, "oauth.invalid_scope", "this client may not ask for the scope " + w);
    scope += (scope.empty() ? "" : " ") + w;
  }

  Grant grant{random_token(kTokenBytes), lifetime_.count(), scope};
  const auto now = now_ms(clock_);
  if (auto s = db_.exec("DELETE FROM tokens WHERE expires_ms < " + std::to_string(now)); !s) return s.error();
  auto put = db_.prepare("INSERT INTO tokens(token_sha256, client_id, scopes, expires_ms) VALUES(?,?,?,?)");
  if (!put) return put.error();
  put->bind(1, sha256_hex(grant.access_token)).bind(2, id).bind(3, scope).bind(4, now + lifetime_.count() * 1000);
  if (auto s = put->run(); !s) return s.error();
  return grant;
}

Result<Bearer> OAuth::check(std::string_view authorization, std::initializer_list<std::string_view> any_of) {
  const auto invalid = [](const char* why) {
    return make_error(Errc::unauthenticated, "oauth.invalid_token", why);
  };
  if (!authorization.starts_with("Bearer ")) return invalid("a bearer token from /oauth/token is needed");
  auto q = db_.prepare("SELECT client_id, scopes, expires_ms FROM tokens WHERE token_sha256 = ?");
  if (!q) return q.error();
  q->bind(1, sha256_hex(authorization.substr(7)));
  auto found = q->step();
  if (!found) return found.error();
  if (!*found) return invalid("the access token is not known: ask /oauth/token for a new one");
  if (q->int64(2) <= now_ms(clock_)) return invalid("the access token expired: ask /oauth/token for a new one");
  Bearer bearer{q->text(0), q->text(1)};
  for (auto s : any_of)
    if (has_word(bearer.scopes, s)) return bearer;
  return make_error(Errc::forbidden, "oauth.insufficient_scope",
                    "the token's scopes do not include " + std::string(*any_of.begin()));
}

}  // namespace classbook::portal
