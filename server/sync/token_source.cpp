// token_source: see the header.
#include "sync/token_source.hpp"

#include <boost/json.hpp>

namespace classbook::sync {
namespace json = boost::json;
namespace {

std::string form_encode(const std::string& s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

std::string base64(const std::string& plain) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < plain.size(); i += 3) {
    unsigned v = static_cast<unsigned>(static_cast<unsigned char>(plain[i])) << 16;
    if (i + 1 < plain.size()) v |= static_cast<unsigned>(static_cast<unsigned char>(plain[i + 1])) << 8;
    if (i + 2 < plain.size()) v |= static_cast<unsigned char>(plain[i + 2]);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += i + 1 < plain.size() ? table[(v >> 6) & 63] : '=';
    out += i + 2 < plain.size() ? table[v & 63] : '=';
  }
  return out;
}

}  // namespace

std::string basic_authorization(const std::string& client_id, const std::string& client_secret) {
  return "Basic " + base64(form_encode(client_id) + ":" + form_encode(client_secret));
}

TokenSource::TokenSource(PortalTransport& transport, const Clock& clock, ClientCredentials credentials)
    : transport_(transport), clock_(clock), credentials_(std::move(credentials)) {}

Result<std::string> TokenSource::authorization() {
  const auto now = clock_.now();
  if (token_ && now < renew_at_) return "Bearer " + *token_;
  PortalRequest r{"POST", credentials_.token_path,
                  {{"Authorization", basic_authorization(credentials_.client_id, credentials_.client_secret)},
                   {"Content-Type", "application/x-www-form-urlencoded"},
                   {"Accept", "application/json"}},
                  "grant_type=client_credentials" + (credentials_.scope.empty() ? "" : "&scope=" + form_encode(credentials_.scope))};
  auto answer = transport_.send(r);
  if (!answer) return answer.error();
  if (answer->status == 400 || answer->status == 401)
    return make_error(Errc::unauthenticated, "sync.portal_credentials_refused",
                      "the portal refused the box's client_id and client_secret (HTTP " + std::to_string(answer->status) +
                          "); check [portal] client_id and client_secret (or client_file) against what the portal's operator issued");
  if (answer->status != 200)
    return make_error(Errc::unavailable, "sync.portal_unavailable",
                      "the portal's token endpoint answered HTTP " + std::to_string(answer->status) + "; it will be tried again");
  boost::system::error_code ec;
  auto v = json::parse(answer->body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("access_token") || !v.as_object().at("access_token").is_string())
    return make_error(Errc::unavailable, "sync.portal_answer_unreadable",
                      "the portal's token answer has no access_token; it will be tried again");
  const auto& o = v.as_object();
  std::int64_t lifetime = default_token_lifetime_seconds;
  if (auto* e = o.if_contains("expires_in"); e && (e->is_int64() || e->is_uint64())) lifetime = e->to_number<std::int64_t>();
  if (lifetime < 1) lifetime = 1;
  token_ = std::string(o.at("access_token").as_string());
  expires_at_ = now + std::chrono::seconds(lifetime);
  renew_at_ = expires_at_ - std::chrono::milliseconds(lifetime * 1000 / token_renew_fraction);
  ++fetched_;
  return "Bearer " + *token_;
}

}  // namespace classbook::sync
