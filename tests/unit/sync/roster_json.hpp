// roster_json: OneRoster 1.2 rostering objects as the portal sends them (JSON), for the roster tests.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace roster_json {
namespace json = boost::json;

inline json::object ref(const std::string& type, const std::string& collection, const std::string& id) {
  return {{"href", "https://portal.example/ims/oneroster/rostering/v1p2/" + collection + "/" + id}, {"sourcedId", id}, {"type", type}};
}

inline json::object base(const std::string& id, const std::string& stamp, bool gone = false) {
  return {{"sourcedId", id}, {"status", gone ? "tobedeleted" : "active"}, {"dateLastModified", stamp}};
}

inline json::object homeroom(const std::string& id, const std::string& title, const std::string& stamp = "2026-09-01T08:00:00Z",
                             bool gone = false) {
  auto o = base(id, stamp, gone);
  o["title"] = title;
  o["classType"] = "homeroom";
  o["course"] = ref("course", "courses", "course-homeroom");
  o["school"] = ref("org", "orgs", "school-1");
  o["terms"] = json::array{ref("academicSession", "academicSessions", "year-2027")};
  return o;
}

inline json::object user(const std::string& id, const std::string& role, const std::string& family, const std::string& given,
                         const std::string& stamp = "2026-09-01T08:00:00Z", std::vector<std::string> agents = {}, bool gone = false) {
  auto o = base(id, stamp, gone);
  o["enabledUser"] = "true";
  o["givenName"] = given;
  o["familyName"] = family;
  o["roles"] = json::array{json::object{{"roleType", "primary"}, {"role", role}, {"org", ref("org", "orgs", "school-1")}}};
  json::array a;
  for (const auto& g : agents) a.push_back(ref("user", "users", g));
  if (!a.empty()) o["agents"] = a;
  return o;
}

inline json::object enrollment(const std::string& id, const std::string& user_id, const std::string& class_id,
                               const std::string& stamp = "2026-09-01T08:00:00Z", bool gone = false, const std::string& role = "student") {
  auto o = base(id, stamp, gone);
  o["user"] = ref("user", "users", user_id);
  o["class"] = ref("class", "classes", class_id);
  o["school"] = ref("org", "orgs", "school-1");
  o["role"] = role;
  return o;
}

// A class × subject: a scheduled class naming its class by classCode and its subject by its course.
inline json::object scheduled(const std::string& id, const std::string& title, const std::string& class_code,
                              const std::string& course_id, const std::string& stamp = "2026-09-01T08:00:00Z", bool gone = false) {
  auto o = homeroom(id, title, stamp, gone);
  o["classType"] = "scheduled";
  if (!class_code.empty()) o["classCode"] = class_code;
  o["course"] = ref("course", "courses", course_id);
  return o;
}

inline json::object course(const std::string& id, const std::string& title, const std::string& code,
                           const std::string& stamp = "2026-09-01T08:00:00Z") {
  auto o = base(id, stamp);
  o["title"] = title;
  o["courseCode"] = code;
  return o;
}

inline json::object org(const std::string& id, const std::string& type, const std::string& stamp = "2026-09-01T08:00:00Z",
                        bool gone = false) {
  auto o = base(id, stamp, gone);
  o["name"] = "Школа № 5";
  o["type"] = type;
  o["identifier"] = "0505";
  return o;
}

inline json::object term(const std::string& id, const std::string& start, const std::string& end_exclusive,
                         const std::string& stamp = "2026-09-01T08:00:00Z") {
  auto o = base(id, stamp);
  o["title"] = "Четверть";
  o["type"] = "term";
  o["startDate"] = start;
  o["endDate"] = end_exclusive;
  o["schoolYear"] = "2027";
  return o;
}

inline json::object demographics(const std::string& id, const std::string& birth, const std::string& stamp = "2026-09-01T08:00:00Z") {
  auto o = base(id, stamp);
  o["birthDate"] = birth;
  return o;
}

}  // namespace roster_json
