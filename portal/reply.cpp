// reply: one mapping from an Error to a status and a payload, so every path refuses the same way.
#include "reply.hpp"

#include <boost/json/serialize.hpp>

namespace classbook::portal {
namespace json = boost::json;

int http_status_of(Errc code) {
  switch (code) {
    case Errc::invalid_input: return 400;
    case Errc::unauthenticated: return 401;
    case Errc::forbidden: return 403;
    case Errc::not_found: return 404;
    case Errc::conflict: return 409;
    case Errc::throttled: return 429;
    case Errc::unavailable: return 503;
    case Errc::internal: return 500;
  }
  return 500;
}

Response json_reply(int status, const json::value& body) {
  return Response{status, {{"Content-Type", "application/json"}}, json::serialize(body)};
}

namespace {

// OneRoster 1.2's imsx_CodeMinor values for each kind of refusal.
std::string_view code_minor(const Error& e) {
  if (e.id.view() == "filter.invalid") return "invalid_filter_field";
  switch (e.code) {
    case Errc::invalid_input: return "invalid_data";
    case Errc::unauthenticated: return "unauthorisedrequest";
    case Errc::forbidden: return "forbidden";
    case Errc::not_found: return "unknownobject";
    case Errc::throttled: return "server_busy";
    default: return "internal_server_error";
  }
}

}  // namespace

Response oneroster_error(const Error& error) {
  json::object minor{{"imsx_codeMinorFieldName", "TargetEndSystem"}, {"imsx_codeMinorFieldValue", code_minor(error)}};
  json::object body{{"imsx_codeMajor", "failure"},
                    {"imsx_severity", "error"},
                    {"imsx_description", error.message},
                    {"imsx_CodeMinor", json::object{{"imsx_codeMinorField", json::array{minor}}}},
                    {"code", error.id.c_str()}};
  auto r = json_reply(http_status_of(error.code), body);
  if (error.code == Errc::unauthenticated)
    r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + error.message + "\"");
  if (error.code == Errc::forbidden && error.id.view() == "oauth.insufficient_scope")
    r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
  return r;
}

Response oauth_error(const Error& error) {
  const auto id = error.id.view();
  const std::string name(id.substr(id.find('.') + 1));
  json::object body{{"error", name}, {"error_description", error.message}};
  auto r = json_reply(http_status_of(error.code), body);
  r.headers.emplace_back("Cache-Control", "no-store");
  if (error.code == Errc::unauthenticated) r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"classbook-portal\"");
  return r;
}

}  // namespace classbook::portal
