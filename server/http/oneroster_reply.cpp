// oneroster_reply: the imsx_StatusInfo failure body and the mapping of the box's errors onto it.
#include "http/oneroster_reply.hpp"

namespace classbook::http {

std::string imsx_failure(std::string_view code_minor, std::string_view description) {
  json::object minor{{"imsx_codeMinorFieldName", "TargetEndSystem"}, {"imsx_codeMinorFieldValue", code_minor}};
  return json::serialize(json::object{{"imsx_codeMajor", "failure"},
                                      {"imsx_severity", "error"},
                                      {"imsx_description", description},
                                      {"imsx_CodeMinor", json::object{{"imsx_codeMinorField", json::array{std::move(minor)}}}}});
}

void oneroster_fail(Api::Call& c, status s, const char* code_minor, std::string_view description) {
  c.reply(make_response(s, c.req.version(), imsx_failure(code_minor, description)));
}

void oneroster_fail(Api::Call& c, const Error& e) {
  namespace om = oneroster_minor;
  const char* minor = om::internal_server_error;
  switch (e.code) {
    case Errc::invalid_input:
    case Errc::conflict: minor = om::invalid_data; break;
    case Errc::unauthenticated: minor = om::unauthorised_request; break;
    case Errc::forbidden: minor = om::forbidden; break;
    case Errc::not_found: minor = om::unknown_object; break;
    case Errc::throttled:
    case Errc::unavailable: minor = om::server_busy; break;
    case Errc::internal: break;
  }
  // The query grammar's own refusals (sync/oneroster/query.hpp) have their own code minors.
  if (e.id == ErrorCode("oneroster.invalid_filter")) minor = om::invalid_filter_field;
  if (e.id == ErrorCode("oneroster.invalid_selection")) minor = om::invalid_selection_field;
  auto res = make_response(status_of(e.code), c.req.version(), imsx_failure(minor, e.message));
  if (e.code == Errc::throttled) res.set(bh::field::retry_after, e.field);
  c.reply(std::move(res));
}

}  // namespace classbook::http
