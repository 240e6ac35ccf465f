// oneroster_reply: OneRoster 1.2's error payload (the imsx_StatusInfo of its REST bindings), which
// every refusal under /ims/oneroster/ answers with instead of the box's own error body. Kept apart
// from the payloads of the data so that a full OneRoster JSON library can replace both. Internal to http/.
#pragma once

#include <string>
#include <string_view>

#include "http/call.hpp"

namespace classbook::http {

// The standard's imsx_codeMinorFieldValue words the box answers with.
namespace oneroster_minor {
constexpr const char* unauthorised_request = "unauthorisedrequest";  // 401: no valid access token
constexpr const char* forbidden = "forbidden";                       // 403: the token lacks the scope
constexpr const char* unknown_object = "unknownobject";              // 404
constexpr const char* invalid_data = "invaliddata";                  // 400
constexpr const char* invalid_filter_field = "invalid_filter_field";  // 400: a malformed filter or an unknown field in it
constexpr const char* invalid_selection_field = "invalid_selection_field";  // 400: a blank name in fields
constexpr const char* server_busy = "server_busy";                   // 429, 503
constexpr const char* internal_server_error = "internal_server_error";
}  // namespace oneroster_minor

// {"imsx_codeMajor":"failure","imsx_severity":"error","imsx_description":…,"imsx_CodeMinor":{…}}
std::string imsx_failure(std::string_view code_minor, std::string_view description);
// Answers `s` with that body; 401 and 403 also carry RFC 6750's WWW-Authenticate (set by the caller).
void oneroster_fail(Api::Call& c, status s, const char* code_minor, std::string_view description);
// A use case's error in the standard's words: not_found → unknownobject, unavailable → server_busy, …
void oneroster_fail(Api::Call& c, const Error& e);

}  // namespace classbook::http
