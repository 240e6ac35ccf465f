// reply: the portal's plain request and response values, and the error payloads it answers with —
// OneRoster's status info (imsx_*) on its OneRoster paths, RFC 6749's on /oauth/token.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "classbook/common/result.hpp"

namespace classbook::portal {

struct Request {
  std::string method;
  std::string target;                         // path and query, as sent
  std::map<std::string, std::string> headers; // names in lower case
  std::string body;
  std::string request_id;                     // X-Request-Id, or one the portal made

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

int http_status_of(Errc code);
Response json_reply(int status, const boost::json::value& body);
// {"imsx_codeMajor":"failure","imsx_severity":"error","imsx_description":…,"imsx_CodeMinor":…} plus
// this portal's stable "code" beside it.
Response oneroster_error(const Error& error);
// {"error": "<after the dot of the code>", "error_description": …} (RFC 6749 §5.2, RFC 6750 §3).
Response oauth_error(const Error& error);

}  // namespace classbook::portal
