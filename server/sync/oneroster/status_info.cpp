// status_info: builders and a reader for imsx_StatusInfo.
#include "sync/oneroster/status_info.hpp"

#include <array>

#include "sync/oneroster/json_reader.hpp"

namespace classbook::oneroster {
namespace {

constexpr std::array<std::string_view, 4> major_names{"success", "processing", "failure", "unsupported"};
constexpr std::array<std::string_view, 3> severity_names{"status", "warning", "error"};
constexpr std::array<std::string_view, 9> minor_names{
    "fullsuccess", "invalid_filter_field", "invalid_selection_field", "invaliddata", "unauthorisedrequest",
    "forbidden", "server_busy", "unknownobject", "internal_server_error"};

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

template <std::size_t N>
std::string choices(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) out += (i ? ", " : "") + std::string(names[i]);
  return out;
}

}  // namespace

std::string_view to_string(CodeMajor v) { return major_names[static_cast<std::size_t>(v)]; }
std::string_view to_string(Severity v) { return severity_names[static_cast<std::size_t>(v)]; }
std::string_view to_string(CodeMinor v) { return minor_names[static_cast<std::size_t>(v)]; }

int http_status_for(CodeMinor v) {
  switch (v) {
    case CodeMinor::fullsuccess: return http_ok;
    case CodeMinor::invalid_filter_field:
    case CodeMinor::invalid_selection_field:
    case CodeMinor::invaliddata: return http_bad_request;
    case CodeMinor::unauthorisedrequest: return http_unauthorised;
    case CodeMinor::forbidden: return http_forbidden;
    case CodeMinor::server_busy: return http_too_many_requests;
    case CodeMinor::unknownobject: return http_not_found;
    case CodeMinor::internal_server_error: return http_internal_error;
  }
  return http_internal_error;
}

StatusInfo failure(CodeMinor minor, std::string description, int http_status) {
  return StatusInfo{CodeMajor::failure, Severity::error, std::move(description), {minor},
                    http_status ? http_status : http_status_for(minor)};
}

StatusInfo status_for(const Error& e) {
  if (e.id == ErrorCode("oneroster.invalid_filter")) return failure(CodeMinor::invalid_filter_field, e.message);
  if (e.id == ErrorCode("oneroster.invalid_selection")) return failure(CodeMinor::invalid_selection_field, e.message);
  switch (e.code) {
    case Errc::invalid_input: return failure(CodeMinor::invaliddata, e.message);
    case Errc::unauthenticated: return failure(CodeMinor::unauthorisedrequest, e.message);
    case Errc::forbidden: return failure(CodeMinor::forbidden, e.message);
    case Errc::not_found: return failure(CodeMinor::unknownobject, e.message);
    case Errc::throttled: return failure(CodeMinor::server_busy, e.message);
    default: return failure(CodeMinor::internal_server_error, e.message);
  }
}

boost::json::object to_json(const StatusInfo& v) {
  boost::json::object o;
  o["imsx_codeMajor"] = to_string(v.code_major);
  o["imsx_severity"] = to_string(v.severity);
  if (!v.description.empty()) o["imsx_description"] = v.description;
  if (!v.code_minor.empty()) {
    boost::json::array fields;
    for (auto m : v.code_minor)
      fields.emplace_back(
          boost::json::object{{"imsx_codeMinorFieldName", "TargetEndSystem"}, {"imsx_codeMinorFieldValue", to_string(m)}});
    o["imsx_CodeMinor"] = boost::json::object{{"imsx_codeMinorField", std::move(fields)}};
  }
  return o;
}

classbook::Result<StatusInfo> parse_status_info(const boost::json::value& v) {
  detail::ObjectReader r(v, "", "status info (imsx_StatusInfo)");
  StatusInfo out;
  out.http_status = 0;
  const auto major_text = r.required_string("imsx_codeMajor");
  const auto severity_text = r.required_string("imsx_severity");
  out.description = r.optional_string("imsx_description").value_or("");
  const auto minor = r.optional_object("imsx_CodeMinor");
  r.finish();
  if (!r.ok()) return r.error();
  auto major = lookup<CodeMajor>(major_names, major_text);
  if (!major)
    return make_error(Errc::invalid_input, "oneroster.not_in_vocabulary",
                      "imsx_codeMajor: '" + major_text + "' is not a code major; expected one of " + choices(major_names),
                      "imsx_codeMajor");
  auto severity = lookup<Severity>(severity_names, severity_text);
  if (!severity)
    return make_error(Errc::invalid_input, "oneroster.not_in_vocabulary",
                      "imsx_severity: '" + severity_text + "' is not a severity; expected one of " +
                          choices(severity_names),
                      "imsx_severity");
  out.code_major = *major;
  out.severity = *severity;
  if (minor) {
    const auto* fields = minor->if_contains("imsx_codeMinorField");
    const auto* array = fields ? fields->if_array() : nullptr;
    if (!array)
      return make_error(Errc::invalid_input, "oneroster.missing_field",
                        "imsx_CodeMinor.imsx_codeMinorField: missing; expected an array", "imsx_CodeMinor");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto path = "imsx_CodeMinor.imsx_codeMinorField[" + std::to_string(i) + "]";
      detail::ObjectReader f((*array)[i], path, "code minor field");
      (void)f.optional_string("imsx_codeMinorFieldName");
      const auto value = f.required_string("imsx_codeMinorFieldValue");
      f.finish();
      if (!f.ok()) return f.error();
      auto m = lookup<CodeMinor>(minor_names, value);
      if (!m)
        return make_error(Errc::invalid_input, "oneroster.not_in_vocabulary",
                          path + ".imsx_codeMinorFieldValue: '" + value + "' is not a code minor; expected one of " +
                              choices(minor_names),
                          path);
      out.code_minor.push_back(*m);
    }
  }
  return out;
}

}  // namespace classbook::oneroster
