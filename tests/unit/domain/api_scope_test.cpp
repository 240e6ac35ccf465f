// Tests of the OneRoster 1.2 scopes: their exact URIs, RFC 6749's scope text, and that an API
// client's account role may do nothing by the policy and never sign in.
#include <catch2/catch.hpp>

#include "domain/api_scope.hpp"
#include "domain/policy.hpp"

using namespace classbook::domain;

TEST_CASE("the four scopes are the standard's URIs, to the letter") {
  CHECK(to_uri(Scope::roster_readonly) == "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly");
  CHECK(to_uri(Scope::gradebook_readonly) == "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly");
  CHECK(to_uri(Scope::gradebook_createput) == "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput");
  CHECK(to_uri(Scope::gradebook_delete) == "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete");
  for (auto s : all_scopes) {
    CHECK(scope_by_uri(to_uri(s)) == s);
    CHECK(scope_by_name(short_name(s)) == s);
    CHECK(scope_by_name(to_uri(s)) == s);
  }
}

TEST_CASE("near misses of a scope URI are no scope") {
  for (const char* wrong : {"roster.readonly",  // a short name is for people, not for the token endpoint
                            "http://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly",
                            "https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly",
                            "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly/",
                            "https://purl.imsglobal.org/spec/or/v1p2/scope/Roster.readonly",
                            "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly",
                            "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly",
                            "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook-core.readonly",
                            "https://purl.imsglobal.org/spec/or/v1p2/scope/resource.readonly",
                            "https://purl.imsglobal.org/spec/or/v1p2/scope/", ""})
    CHECK_FALSE(scope_by_uri(wrong));
  CHECK_FALSE(scope_by_name("roster"));
  CHECK_FALSE(scope_by_name("ROSTER.READONLY"));
}

TEST_CASE("RFC 6749's scope text: single spaces between known URIs") {
  const auto roster = to_uri(Scope::roster_readonly), grades = to_uri(Scope::gradebook_readonly);
  auto one = parse_scope_text(roster);
  CHECK_FALSE(one.malformed);
  CHECK(one.unknown.empty());
  CHECK(one.scopes == ScopeSet{Scope::roster_readonly});

  auto two = parse_scope_text(grades + " " + roster);
  CHECK(two.scopes == (ScopeSet{Scope::roster_readonly, Scope::gradebook_readonly}));
  CHECK(to_scope_text(two.scopes) == roster + " " + grades);  // the standard's order, whatever was asked

  CHECK(parse_scope_text(roster + " " + roster).scopes == ScopeSet{Scope::roster_readonly});  // a repeat grants nothing more

  auto unknown = parse_scope_text(roster + " https://example.org/scope/everything");
  CHECK_FALSE(unknown.malformed);
  CHECK(unknown.unknown == "https://example.org/scope/everything");

  for (const std::string& bad : {std::string(), std::string(" "), " " + roster, roster + " ", roster + "  " + grades,
                                 roster + "\t" + grades, roster + "\"", std::string("a\\b"), std::string("caf\xc3\xa9"),
                                 std::string(max_scope_text_bytes + 1, 'a')})
    CHECK(parse_scope_text(bad).malformed);
}

TEST_CASE("a set of scopes: subsets, everything, the bits kept in the store") {
  const ScopeSet reader{Scope::roster_readonly, Scope::gradebook_readonly};
  CHECK(ScopeSet{Scope::roster_readonly}.within(reader));
  CHECK_FALSE(ScopeSet{Scope::gradebook_delete}.within(reader));
  CHECK(ScopeSet{}.within(reader));
  CHECK(reader.within(ScopeSet::everything()));
  CHECK(ScopeSet::from_bits(reader.bits()) == reader);
  CHECK_FALSE(ScopeSet::from_bits(1u << scope_count));
  CHECK(to_short_names(ScopeSet::everything()) == "roster.readonly, gradebook.readonly, gradebook.createput, gradebook.delete");
}

TEST_CASE("an API client's account may do nothing by the policy and never signs in") {
  Role r;
  REQUIRE(parse_role("api_client", r));
  CHECK(r == Role::api_client);
  CHECK(std::string(to_string(Role::api_client)) == "api_client");
  Actor client;
  client.role = Role::api_client;
  client.user_id = 99;
  for (int a = 0; a <= static_cast<int>(Action::manage_api_clients); ++a) {
    const auto d = decide(client, static_cast<Action>(a), {1, 1, 1});
    CHECK_FALSE(d.allowed);
    CHECK_FALSE(d.reason.empty());
  }
  CHECK_FALSE(signs_in(Role::api_client));
  CHECK_FALSE(signs_in(Role::kiosk));
  for (auto person : {Role::student, Role::guardian, Role::teacher, Role::secretary, Role::director, Role::admin})
    CHECK(signs_in(person));
}

TEST_CASE("only the administrator manages API clients, and no one resets an API client's password") {
  for (auto role : {Role::student, Role::guardian, Role::teacher, Role::secretary, Role::director, Role::kiosk}) {
    Actor a;
    a.role = role;
    CHECK_FALSE(decide(a, Action::manage_api_clients, {}));
  }
  Actor admin;
  admin.role = Role::admin;
  CHECK(decide(admin, Action::manage_api_clients, {}));
  Target t;
  t.account_role = Role::api_client;
  CHECK_FALSE(decide(admin, Action::reset_credentials, t));
  Actor office;
  office.role = Role::secretary;
  CHECK_FALSE(decide(office, Action::reset_credentials, t));
}
