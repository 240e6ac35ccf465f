// api_scope: the OneRoster 1.2 scopes an API client may hold — their exact URIs, and a client's set of them.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace classbook::domain {

// The scopes of the 1EdTech OneRoster 1.2 REST bindings the box serves: the rostering service's full
// read and the gradebook service's read, create/replace and delete. The standard names more
// (roster-core.readonly, roster-demographics.readonly, gradebook-core.readonly, resource.readonly);
// the box offers none of them, so asking for one is refused like any unknown scope.
enum class Scope : std::uint8_t { roster_readonly, gradebook_readonly, gradebook_createput, gradebook_delete };
constexpr std::size_t scope_count = 4;
constexpr std::array<Scope, scope_count> all_scopes{Scope::roster_readonly, Scope::gradebook_readonly,
                                                    Scope::gradebook_createput, Scope::gradebook_delete};
// Every scope URI starts so (the standard's own text, to the letter).
constexpr std::string_view scope_uri_prefix = "https://purl.imsglobal.org/spec/or/v1p2/scope/";
// A scope parameter longer than this is not a list of the box's scopes (each URI is under 70 bytes).
constexpr std::size_t max_scope_text_bytes = 1024;

// "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly", …
std::string to_uri(Scope s);
// "roster.readonly", … — the standard's short name, for people (the CLI, the admin's list).
std::string_view short_name(Scope s);
// A scope by its full URI, exactly as the standard spells it; none for anything else.
std::optional<Scope> scope_by_uri(std::string_view uri);
// A scope by its full URI or by its short name (what an administrator types at the CLI).
std::optional<Scope> scope_by_name(std::string_view name);

// A set of scopes: what a client holds, what a token carries, what a token request asks for.
class ScopeSet {
 public:
  constexpr ScopeSet() = default;
  constexpr ScopeSet(std::initializer_list<Scope> scopes) {
    for (auto s : scopes) add(s);
  }
  static constexpr ScopeSet everything() { return ScopeSet(all_scopes_bits); }
  constexpr void add(Scope s) { bits_ |= bit(s); }
  constexpr bool has(Scope s) const { return (bits_ & bit(s)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool within(ScopeSet other) const { return (bits_ & ~other.bits_) == 0; }
  constexpr std::uint8_t bits() const { return bits_; }
  static constexpr std::optional<ScopeSet> from_bits(unsigned bits) {
    if (bits & ~unsigned{all_scopes_bits}) return std::nullopt;
    return ScopeSet(static_cast<std::uint8_t>(bits));
  }
  friend constexpr bool operator==(ScopeSet, ScopeSet) = default;

 private:
  static constexpr std::uint8_t all_scopes_bits = (1u << scope_count) - 1;
  constexpr explicit ScopeSet(std::uint8_t bits) : bits_(bits) {}
  static constexpr std::uint8_t bit(Scope s) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(s)); }
  std::uint8_t bits_ = 0;
};

// The space-separated list of full URIs (RFC 6749 §3.3's scope parameter), in the standard's order.
std::string to_scope_text(ScopeSet set);
// The short names, comma-separated, for people: "roster.readonly, gradebook.readonly".
std::string to_short_names(ScopeSet set);

// RFC 6749 §3.3: scope-tokens separated by single spaces. The first token that is not one of the
// box's scope URIs comes back as `unknown` (a request naming it is refused whole); an empty text, or
// one that is not a list of tokens, leaves `malformed`.
struct ParsedScopes {
  ScopeSet scopes;
  std::string unknown;     // the first token that is no scope of the box
  bool malformed = false;  // empty, too long, doubled or stray spaces, or characters RFC 6749 forbids
};
ParsedScopes parse_scope_text(std::string_view text);

}  // namespace classbook::domain
