// oneroster_ids: the sourcedIds and references of the records the box serves as a OneRoster
// provider. Rows with a uuid are known by it; records the box does not keep as rows get a derived,
// stable id (docs/sync-protocol.md § Identities, docs/sync.md § "The box as a provider"). Internal to app.
#pragma once

#include <string>
#include <string_view>

#include "classbook/common/result.hpp"
#include "sync/oneroster/model.hpp"

namespace classbook::app::oneroster_ids {

inline constexpr std::string_view rostering = "/ims/oneroster/rostering/v1p2/";
inline constexpr std::string_view gradebook = "/ims/oneroster/gradebook/v1p2/";

inline oneroster::GuidRef ref(std::string_view service, std::string_view collection, std::string id,
                              oneroster::RefType type) {
  return {std::string(service) + std::string(collection) + "/" + id, std::move(id), type};
}

// A class × subject: "<class uuid>~<subject uuid>".
inline std::string class_id(std::string_view class_uuid, std::string_view subject_uuid) {
  return std::string(class_uuid) + "~" + std::string(subject_uuid);
}
// A subject in a grade: "<subject uuid>~<grade>".
inline std::string course_id(std::string_view subject_uuid, int grade) {
  return std::string(subject_uuid) + "~" + std::to_string(grade);
}
// A person in a class × subject: "<person uuid>~<class uuid>~<subject uuid>".
inline std::string enrollment_id(std::string_view person, std::string_view class_uuid, std::string_view subject_uuid) {
  return std::string(person) + "~" + class_id(class_uuid, subject_uuid);
}
// The school year and its terms, made unique among schools by the school's uuid.
inline std::string year_id(std::string_view school, int start_year) {
  return std::string(school) + "~year-" + std::to_string(start_year);
}
inline std::string term_id(std::string_view school, int start_year, int term) {
  return std::string(school) + "~term-" + std::to_string(start_year) + "-" + std::to_string(term);
}
inline std::string grading_period_id(std::string_view school, int start_year, int term) {
  return std::string(school) + "~gp-" + std::to_string(start_year) + "-" + std::to_string(term);
}
// A work type: "wt-<code>"; a lesson's column of one work type: "<lesson uuid>~<work type code>".
inline std::string category_id(std::string_view work_type_code) { return "wt-" + std::string(work_type_code); }
inline std::string line_item_id(std::string_view lesson_uuid, std::string_view work_type_code) {
  return std::string(lesson_uuid) + "~" + std::string(work_type_code);
}

inline oneroster::GuidRef school_ref(std::string id) { return ref(rostering, "orgs", std::move(id), oneroster::RefType::org); }
inline oneroster::GuidRef user_ref(std::string id) { return ref(rostering, "users", std::move(id), oneroster::RefType::user); }
inline oneroster::GuidRef class_ref(std::string id) { return ref(rostering, "classes", std::move(id), oneroster::RefType::class_); }
inline oneroster::GuidRef session_ref(std::string id) {
  return ref(rostering, "academicSessions", std::move(id), oneroster::RefType::academicSession);
}

// A sourcedId no record of that kind has (404 unknownobject): `list` says where the client finds them.
inline Error unknown_object(const char* what, std::string_view id, const char* list) {
  return make_error(Errc::not_found, "oneroster.unknown_object",
                    std::string("no ") + what + " has the sourcedId '" + std::string(id) + "'; GET " + list + " lists them",
                    "sourcedId");
}

}  // namespace classbook::app::oneroster_ids
