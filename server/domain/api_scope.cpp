// api_scope: the scope URIs of OneRoster 1.2 and the parsing of RFC 6749's scope parameter.
#include "api_scope.hpp"

namespace classbook::domain {

std::string_view short_name(Scope s) {
  switch (s) {
    case Scope::roster_readonly: return "roster.readonly";
    case Scope::gradebook_readonly: return "gradebook.readonly";
    case Scope::gradebook_createput: return "gradebook.createput";
    case Scope::gradebook_delete: return "gradebook.delete";
  }
  return "unknown";
}

std::string to_uri(Scope s) { return std::string(scope_uri_prefix) + std::string(short_name(s)); }

std::optional<Scope> scope_by_uri(std::string_view uri) {
  if (uri.substr(0, scope_uri_prefix.size()) != scope_uri_prefix) return std::nullopt;
  const auto name = uri.substr(scope_uri_prefix.size());
  for (auto s : all_scopes)
    if (short_name(s) == name) return s;
  return std::nullopt;
}

std::optional<Scope> scope_by_name(std::string_view name) {
  for (auto s : all_scopes)
    if (short_name(s) == name) return s;
  return scope_by_uri(name);
}

std::string to_scope_text(ScopeSet set) {
  std::string out;
  for (auto s : all_scopes)
    if (set.has(s)) out += (out.empty() ? "" : " ") + to_uri(s);
  return out;
}

std::string to_short_names(ScopeSet set) {
  std::string out;
  for (auto s : all_scopes)
    if (set.has(s)) out += (out.empty() ? "" : ", ") + std::string(short_name(s));
  return out;
}

namespace {
// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) — printable ASCII but '"' and '\'.
bool token_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return c >= 0x21 && c <= 0x7e && c != 0x22 && c != 0x5c;
}
}  // namespace

ParsedScopes parse_scope_text(std::string_view text) {
  ParsedScopes out;
  if (text.empty() || text.size() > max_scope_text_bytes) return out.malformed = true, out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto space = text.find(' ', start);
    const auto token = text.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start);
    // An empty token is a leading, trailing or doubled space: not the grammar's single separator.
    if (token.empty()) return out.malformed = true, out;
    for (char ch : token)
      if (!token_char(ch)) return out.malformed = true, out;
    const auto scope = scope_by_uri(token);
    if (!scope && out.unknown.empty()) out.unknown = std::string(token);
    if (scope) out.scopes.add(*scope);
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return out;
}

}  // namespace classbook::domain
