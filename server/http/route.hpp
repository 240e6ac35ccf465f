// route: one row of the API's route table — method, path pattern, handler, and who may call it.
// Internal to http/; the per-area route files (routes_*.cpp) each hand the table their rows.
#pragma once

#include <boost/beast/http/verb.hpp>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "domain/api_scope.hpp"
#include "http/api.hpp"

namespace classbook::http {

// How a caller proves who it is. The dispatcher checks this before the handler runs.
enum class Caller : std::uint8_t {
  anyone,        // no identity (health, the web UI's files, signing in, kiosk enrolment by one-time code)
  scraper,       // /metrics: loopback or the address given by --metrics-from, nobody else
  kiosk,         // a kiosk's client certificate (mutual TLS)
  kiosk_or_key,  // a kiosk's client certificate or its `Authorization: Bearer` device key (taps)
  signed_in,     // a session cookie; state changes also need X-CSRF-Token
  api_client,    // a OneRoster API client's `Authorization: Bearer` access token carrying the row's scope
};
const char* to_string(Caller c);

// The people the policy tells apart. A class teacher is a teacher with a homeroom class.
enum class Audience : std::uint8_t { student, guardian, teacher, class_teacher, secretary, director, admin };
constexpr std::size_t audience_count = 7;
constexpr std::array<Audience, audience_count> audiences{Audience::student,   Audience::guardian, Audience::teacher,
                                                         Audience::class_teacher, Audience::secretary,
                                                         Audience::director,  Audience::admin};
const char* to_string(Audience a);

// How far a signed-in role reaches on this route, as domain/policy.cpp decides it:
// none — refused (403/404, nothing written); own — only the own family's objects (the self, own
// children, classes and subjects taught or led); any — every object of its kind.
enum class Reach : std::uint8_t { none, own, any };
const char* to_string(Reach r);

struct Grant {
  Audience who;
  Reach reach;
};

// The declaration of a row. The dispatcher enforces the caller, CSRF and the one-time-password gate
// from it; the per-role reach is enforced by the policy inside each use case and is what the role
// matrix test (tests/integration/test_policy_matrix.py) checks the policy against.
struct Access {
  Caller caller = Caller::signed_in;
  std::array<Reach, audience_count> reach{};  // by Audience; signed_in rows only
  bool before_password_change = false;       // open while the one-time password is unchanged
  bool refreshes_rights = false;              // a successful write makes sessions re-read their rights
  bool web_ui = false;                        // the browser app's own files, not the documented API
  bool kiosk_checked_in_write = false;        // kiosk rows: the write confirms the kiosk (app::KioskCheck::in_write)
  std::size_t body_limit = 0;                 // bytes of the request body; 0: the server's body_limit
  domain::Scope scope = domain::Scope::roster_readonly;  // api_client rows: the scope the token must carry

  constexpr Access open_before_password_change() const {
    auto a = *this;
    a.before_password_change = true;
    return a;
  }
  constexpr Access refreshing_rights() const {
    auto a = *this;
    a.refreshes_rights = true;
    return a;
  }
  // A row that takes a file larger than any form (the roster CSV): the server reads up to `bytes` of it.
  constexpr Access taking_body(std::size_t bytes) const {
    auto a = *this;
    a.body_limit = bytes;
    return a;
  }
  constexpr Access kiosk_confirmed_in_write() const {
    auto a = *this;
    a.kiosk_checked_in_write = true;
    return a;
  }
  constexpr Reach of(Audience who) const { return reach[static_cast<std::size_t>(who)]; }
};

constexpr Access open_to(Caller c, bool web_ui = false) {
  Access a;
  a.caller = c;
  a.web_ui = web_ui;
  return a;
}

// A OneRoster API client whose token carries `scope` (docs/api-clients.md). No session opens these
// rows and no token opens any other: the dispatcher answers 401 without a valid token and 403
// (insufficient_scope) without the scope, before the handler runs.
constexpr Access for_api_client(domain::Scope scope) {
  Access a;
  a.caller = Caller::api_client;
  a.scope = scope;
  return a;
}

// Signed-in roles and how far each reaches; a role not named gets Reach::none.
constexpr Access signed_in(std::initializer_list<Grant> grants) {
  Access a;
  for (const auto& g : grants) a.reach[static_cast<std::size_t>(g.who)] = g.reach;
  return a;
}

// Every signed-in role, with the same reach (the self, school-wide information).
constexpr Access everyone_signed_in(Reach r) {
  Access a;
  a.reach.fill(r);
  return a;
}

using CallPtr = std::shared_ptr<Api::Call>;
using RouteHandler = void (*)(Env&, const CallPtr&);

struct Route {
  boost::beast::http::verb method;
  std::string_view pattern;  // "/api/v1/students/{id}/diary": {name} is one path segment, read by name
  RouteHandler handler;
  Access access;
};

// The rows of each area, in the order the dump prints them.
std::span<const Route> session_routes();    // routes_session.cpp: health, metrics, web UI, sign-in, /me
std::span<const Route> journal_routes();    // routes_journal.cpp
std::span<const Route> document_routes();   // routes_documents.cpp: PDFs, /verify, login slips
std::span<const Route> grading_routes();    // routes_grading.cpp
std::span<const Route> school_routes();     // routes_school.cpp
std::span<const Route> roster_routes();     // routes_roster.cpp
std::span<const Route> card_routes();       // routes_cards.cpp: pupils' entrance cards
std::span<const Route> timetable_routes();  // routes_timetable.cpp
std::span<const Route> kiosk_routes();      // routes_kiosk.cpp
std::span<const Route> web_routes();        // routes_web.cpp: the web app's school, homework, notices, averages
std::span<const Route> live_routes();       // routes_live.cpp: the live updates stream
std::span<const Route> access_routes();     // routes_access.cpp: applications for access to the diary
std::span<const Route> admin_routes();      // routes_admin.cpp: accounts, backups, the box's figures
std::span<const Route> school_admin_routes();  // routes_school_admin.cpp: the director's settings, the office's events and clubs
std::span<const Route> report_routes();     // routes_reports.cpp: the director's reports, the audit search
std::span<const Route> oauth_routes();      // routes_oauth.cpp: the token endpoint, the administrator's API clients
std::span<const Route> oneroster_routes();  // routes_oneroster.cpp: the OneRoster 1.2 provider (/ims/oneroster/…)
std::span<const Route> mail_routes();       // routes_mail.cpp: guardians' e-mail notices, the sender's state
std::span<const Route> sync_routes();       // routes_sync.cpp: the sync with the city portal, its status and "sync now"

// Device authentication for Caller::kiosk and Caller::kiosk_or_key rows (routes_kiosk.cpp): fills
// call.kiosk, or answers the refusal in the kiosk protocol's words and returns false.
bool authenticate_kiosk(Env& env, Api::Call& call, Caller how);

// Bearer authentication for Caller::api_client rows (routes_oauth.cpp): fills call.api_client when
// the token is live and carries `scope`, else answers 401 invalid_token or 403 insufficient_scope
// (in OneRoster's words under /ims/) and returns false.
// No scope: any live token will do (the unmatched paths under /ims/ answer 404 only to a client).
bool authenticate_api_client(Env& env, Api::Call& call, std::optional<domain::Scope> scope);

}  // namespace classbook::http
