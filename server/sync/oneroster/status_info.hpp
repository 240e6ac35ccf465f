// status_info: the standard's error payload (imsx_StatusInfo) and the HTTP status each code minor
// maps to in the OneRoster 1.2 REST binding. The standard sends it only with a failed request.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::oneroster {

enum class CodeMajor { success, processing, failure, unsupported };
enum class Severity { status, warning, error };
// The OneRoster 1.2 imsx_codeMinorFieldValue vocabulary, exactly.
enum class CodeMinor {
  fullsuccess, invalid_filter_field, invalid_selection_field, invaliddata, unauthorisedrequest, forbidden,
  server_busy, unknownobject, internal_server_error
};

std::string_view to_string(CodeMajor v);
std::string_view to_string(Severity v);
std::string_view to_string(CodeMinor v);

// The HTTP statuses of the REST binding.
inline constexpr int http_ok = 200;
inline constexpr int http_bad_request = 400;           // invalid_filter_field, invalid_selection_field, a bad query
inline constexpr int http_unauthorised = 401;          // unauthorisedrequest
inline constexpr int http_forbidden = 403;             // forbidden
inline constexpr int http_not_found = 404;             // unknownobject
inline constexpr int http_unprocessable = 422;         // invaliddata in a well-formed request body
inline constexpr int http_too_many_requests = 429;     // server_busy
inline constexpr int http_internal_error = 500;        // internal_server_error

// The status a code minor is answered with: invaliddata → 400 (a bad query parameter); a route that
// refuses a well-formed but wrong body answers invaliddata with http_unprocessable instead.
int http_status_for(CodeMinor v);

struct StatusInfo {
  CodeMajor code_major = CodeMajor::failure;
  Severity severity = Severity::error;
  std::string description;            // for a person; may be empty
  std::vector<CodeMinor> code_minor;  // at least one when sent
  int http_status = http_internal_error;
  friend bool operator==(const StatusInfo&, const StatusInfo&) = default;
};

// A failure (failure/error) with one code minor and its HTTP status (http_status_for unless given).
StatusInfo failure(CodeMinor minor, std::string description, int http_status = 0);
// The status info an Error of this library (or Errc in general) is answered with: the query codes
// oneroster.invalid_filter → invalid_filter_field, oneroster.invalid_selection → invalid_selection_field,
// other invalid_input → invaliddata (400), unauthenticated → unauthorisedrequest, forbidden,
// not_found → unknownobject, throttled → server_busy, anything else → internal_server_error.
StatusInfo status_for(const Error& e);

// {"imsx_codeMajor":…, "imsx_severity":…, "imsx_description":…, "imsx_CodeMinor":{"imsx_codeMinorField":
// [{"imsx_codeMinorFieldName":"TargetEndSystem","imsx_codeMinorFieldValue":…}]}}
boost::json::object to_json(const StatusInfo& v);
// A client reading a provider's error body; http_status is left for the caller to set.
classbook::Result<StatusInfo> parse_status_info(const boost::json::value& v);

}  // namespace classbook::oneroster
