// json_rostering: the rostering service's records (OneRoster 1.2 Rostering REST binding) to and from
// JSON, field names and required fields as in the standard's OpenAPI (OneRosterv1p2RostersService).
#include "sync/oneroster/json.hpp"
#include "sync/oneroster/json_reader.hpp"
#include "sync/oneroster/json_writer.hpp"

namespace classbook::oneroster {

using detail::ObjectReader;
using detail::put;
using detail::put_base;
using detail::put_bool_text;
using detail::put_list;
using detail::put_ref;
using detail::put_refs;
using detail::put_vocabulary;

using detail::finish_record;
using detail::nested;

// ---- GuidRef

boost::json::object to_json(const GuidRef& v) {
  boost::json::object o;
  o["href"] = v.href;
  o["sourcedId"] = v.sourced_id;
  o["type"] = to_string(v.type);
  return o;
}

classbook::Result<GuidRef> parse_guid_ref(const boost::json::value& v, RefType expected, std::string_view path) {
  ObjectReader r(v, path, "reference (GUIDRef)");
  GuidRef ref;
  ref.href = r.required_string("href");
  ref.sourced_id = r.required_string("sourcedId");
  ref.type = r.required_plain_vocabulary<RefType>("type");
  if (r.ok() && ref.type != expected) {
    const auto field = detail::join_path(path, "type");
    r.fail(make_error(Errc::invalid_input, "oneroster.bad_reference",
                      field + ": '" + std::string(to_string(ref.type)) + "' does not fit here; expected '" +
                          std::string(to_string(expected)) + "'",
                      field));
  }
  return finish_record(r, std::move(ref));
}

// ---- Org

boost::json::object to_json(const Org& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["name"] = v.name;
  o["type"] = v.type.text();
  o["identifier"] = v.identifier;
  put_ref(o, "parent", v.parent);
  put_refs(o, "children", v.children);
  return o;
}

classbook::Result<Org> parse_org(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "org");
  Org x;
  x.base = r.base();
  x.name = r.required_string("name");
  x.type = r.required_vocabulary<OrgType>("type");
  x.identifier = r.required_string("identifier");
  x.parent = r.optional_ref("parent", RefType::org);
  x.children = r.ref_list("children", RefType::org, 0);
  return finish_record(r, std::move(x));
}

// ---- AcademicSession

boost::json::object to_json(const AcademicSession& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["title"] = v.title;
  o["startDate"] = v.start_date;
  o["endDate"] = v.end_date;
  o["type"] = v.type.text();
  put_ref(o, "parent", v.parent);
  put_refs(o, "children", v.children);
  o["schoolYear"] = v.school_year;
  return o;
}

classbook::Result<AcademicSession> parse_academic_session(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "academic session");
  AcademicSession x;
  x.base = r.base();
  x.title = r.required_string("title");
  x.start_date = r.required_date("startDate");
  x.end_date = r.required_date("endDate");
  x.type = r.required_vocabulary<SessionType>("type");
  x.parent = r.optional_ref("parent", RefType::academicSession);
  x.children = r.ref_list("children", RefType::academicSession, 0);
  x.school_year = r.required_school_year("schoolYear");
  return finish_record(r, std::move(x));
}

// ---- Course

boost::json::object to_json(const Course& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["title"] = v.title;
  put_ref(o, "schoolYear", v.school_year);
  o["courseCode"] = v.course_code;
  put_list(o, "grades", v.grades);
  put_list(o, "subjects", v.subjects);
  put_ref(o, "org", v.org);
  put_list(o, "subjectCodes", v.subject_codes);
  put_refs(o, "resources", v.resources);
  return o;
}

classbook::Result<Course> parse_course(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "course");
  Course x;
  x.base = r.base();
  x.title = r.required_string("title");
  x.school_year = r.optional_ref("schoolYear", RefType::academicSession);
  x.course_code = r.required_string("courseCode");
  x.grades = r.string_list("grades");
  x.subjects = r.string_list("subjects");
  x.org = r.optional_ref("org", RefType::org);
  x.subject_codes = r.string_list("subjectCodes");
  x.resources = r.ref_list("resources", RefType::resource, 0);
  return finish_record(r, std::move(x));
}

// ---- Class

boost::json::object to_json(const Class& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["title"] = v.title;
  put(o, "classCode", v.class_code);
  put_vocabulary(o, "classType", v.class_type);
  put(o, "location", v.location);
  put_list(o, "grades", v.grades);
  put_list(o, "subjects", v.subjects);
  o["course"] = to_json(v.course);
  o["school"] = to_json(v.school);
  put_refs(o, "terms", v.terms, true);
  put_list(o, "subjectCodes", v.subject_codes);
  put_list(o, "periods", v.periods);
  put_refs(o, "resources", v.resources);
  return o;
}

classbook::Result<Class> parse_class(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "class");
  Class x;
  x.base = r.base();
  x.title = r.required_string("title");
  x.class_code = r.optional_string("classCode");
  x.class_type = r.optional_vocabulary<ClassType>("classType");
  x.location = r.optional_string("location");
  x.grades = r.string_list("grades");
  x.subjects = r.string_list("subjects");
  x.course = r.required_ref("course", RefType::course);
  x.school = r.required_ref("school", RefType::org);
  x.terms = r.ref_list("terms", RefType::academicSession, 1);
  x.subject_codes = r.string_list("subjectCodes");
  x.periods = r.string_list("periods");
  x.resources = r.ref_list("resources", RefType::resource, 0);
  return finish_record(r, std::move(x));
}

// ---- User

boost::json::object to_json(const Role& v) {
  boost::json::object o;
  o["roleType"] = to_string(v.role_type);
  o["role"] = v.role.text();
  o["org"] = to_json(v.org);
  put(o, "userProfile", v.user_profile);
  put(o, "beginDate", v.begin_date);
  put(o, "endDate", v.end_date);
  return o;
}

classbook::Result<Role> parse_role(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "role");
  Role x;
  x.role_type = r.required_plain_vocabulary<RoleType>("roleType");
  x.role = r.required_vocabulary<RoleName>("role");
  x.org = r.required_ref("org", RefType::org);
  x.user_profile = r.optional_string("userProfile");
  x.begin_date = r.optional_date("beginDate");
  x.end_date = r.optional_date("endDate");
  return finish_record(r, std::move(x));
}

namespace {

classbook::Result<UserId> parse_user_id(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "user id");
  UserId x;
  x.type = r.required_string("type");
  x.identifier = r.required_string("identifier");
  return finish_record(r, std::move(x));
}

}  // namespace

boost::json::object to_json(const User& v) {
  boost::json::object o;
  put_base(o, v.base);
  put(o, "userMasterIdentifier", v.user_master_identifier);
  put(o, "username", v.username);
  if (!v.user_ids.empty()) {
    boost::json::array a;
    for (const auto& id : v.user_ids) a.emplace_back(boost::json::object{{"type", id.type}, {"identifier", id.identifier}});
    o["userIds"] = std::move(a);
  }
  o["enabledUser"] = v.enabled_user ? "true" : "false";
  o["givenName"] = v.given_name;
  o["familyName"] = v.family_name;
  put(o, "middleName", v.middle_name);
  put(o, "preferredFirstName", v.preferred_first_name);
  put(o, "preferredMiddleName", v.preferred_middle_name);
  put(o, "preferredLastName", v.preferred_last_name);
  put(o, "pronouns", v.pronouns);
  boost::json::array roles;
  for (const auto& role : v.roles) roles.emplace_back(to_json(role));
  o["roles"] = std::move(roles);
  if (v.user_profiles) o["userProfiles"] = *v.user_profiles;
  put_ref(o, "primaryOrg", v.primary_org);
  put(o, "identifier", v.identifier);
  put(o, "email", v.email);
  put(o, "sms", v.sms);
  put(o, "phone", v.phone);
  put_refs(o, "agents", v.agents);
  put_list(o, "grades", v.grades);
  put(o, "password", v.password);
  put_refs(o, "resources", v.resources);
  return o;
}

classbook::Result<User> parse_user(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "user");
  User x;
  x.base = r.base();
  x.user_master_identifier = r.optional_string("userMasterIdentifier");
  x.username = r.optional_string("username");
  x.user_ids = nested<UserId>(r, "userIds", 0, parse_user_id);
  x.enabled_user = r.required_bool_text("enabledUser");
  x.given_name = r.required_string("givenName");
  x.family_name = r.required_string("familyName");
  x.middle_name = r.optional_string("middleName");
  x.preferred_first_name = r.optional_string("preferredFirstName");
  x.preferred_middle_name = r.optional_string("preferredMiddleName");
  x.preferred_last_name = r.optional_string("preferredLastName");
  x.pronouns = r.optional_string("pronouns");
  x.roles = nested<Role>(r, "roles", 1, parse_role);
  x.user_profiles = r.optional_array("userProfiles");
  x.primary_org = r.optional_ref("primaryOrg", RefType::org);
  x.identifier = r.optional_string("identifier");
  x.email = r.optional_string("email");
  x.sms = r.optional_string("sms");
  x.phone = r.optional_string("phone");
  x.agents = r.ref_list("agents", RefType::user, 0);
  x.grades = r.string_list("grades");
  x.password = r.optional_string("password");
  x.resources = r.ref_list("resources", RefType::resource, 0);
  return finish_record(r, std::move(x));
}

// ---- Enrollment

boost::json::object to_json(const Enrollment& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["user"] = to_json(v.user);
  o["class"] = to_json(v.class_);
  o["school"] = to_json(v.school);
  o["role"] = v.role.text();
  put_bool_text(o, "primary", v.primary);
  put(o, "beginDate", v.begin_date);
  put(o, "endDate", v.end_date);
  return o;
}

classbook::Result<Enrollment> parse_enrollment(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "enrollment");
  Enrollment x;
  x.base = r.base();
  x.user = r.required_ref("user", RefType::user);
  x.class_ = r.required_ref("class", RefType::class_);
  x.school = r.required_ref("school", RefType::org);
  x.role = r.required_vocabulary<EnrollmentRole>("role");
  x.primary = r.optional_bool_text("primary");
  x.begin_date = r.optional_date("beginDate");
  x.end_date = r.optional_date("endDate");
  return finish_record(r, std::move(x));
}

// ---- Demographics

boost::json::object to_json(const Demographics& v) {
  boost::json::object o;
  put_base(o, v.base);
  put(o, "birthDate", v.birth_date);
  put_vocabulary(o, "sex", v.sex);
  put_bool_text(o, "americanIndianOrAlaskaNative", v.american_indian_or_alaska_native);
  put_bool_text(o, "asian", v.asian);
  put_bool_text(o, "blackOrAfricanAmerican", v.black_or_african_american);
  put_bool_text(o, "nativeHawaiianOrOtherPacificIslander", v.native_hawaiian_or_other_pacific_islander);
  put_bool_text(o, "white", v.white);
  put_bool_text(o, "demographicRaceTwoOrMoreRaces", v.demographic_race_two_or_more_races);
  put_bool_text(o, "hispanicOrLatinoEthnicity", v.hispanic_or_latino_ethnicity);
  put(o, "countryOfBirthCode", v.country_of_birth_code);
  put(o, "stateOfBirthAbbreviation", v.state_of_birth_abbreviation);
  put(o, "cityOfBirth", v.city_of_birth);
  put(o, "publicSchoolResidenceStatus", v.public_school_residence_status);
  return o;
}

classbook::Result<Demographics> parse_demographics(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "demographics record");
  Demographics x;
  x.base = r.base();
  x.birth_date = r.optional_date("birthDate");
  x.sex = r.optional_vocabulary<Sex>("sex");
  x.american_indian_or_alaska_native = r.optional_bool_text("americanIndianOrAlaskaNative");
  x.asian = r.optional_bool_text("asian");
  x.black_or_african_american = r.optional_bool_text("blackOrAfricanAmerican");
  x.native_hawaiian_or_other_pacific_islander = r.optional_bool_text("nativeHawaiianOrOtherPacificIslander");
  x.white = r.optional_bool_text("white");
  x.demographic_race_two_or_more_races = r.optional_bool_text("demographicRaceTwoOrMoreRaces");
  x.hispanic_or_latino_ethnicity = r.optional_bool_text("hispanicOrLatinoEthnicity");
  x.country_of_birth_code = r.optional_string("countryOfBirthCode");
  x.state_of_birth_abbreviation = r.optional_string("stateOfBirthAbbreviation");
  x.city_of_birth = r.optional_string("cityOfBirth");
  x.public_school_residence_status = r.optional_string("publicSchoolResidenceStatus");
  return finish_record(r, std::move(x));
}

}  // namespace classbook::oneroster
