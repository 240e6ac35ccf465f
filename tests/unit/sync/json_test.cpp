// json_test: every OneRoster record survives to_json → text → parse unchanged, and every kind of bad
// input is refused with the field named and what is allowed.
#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

#include "samples.hpp"
#include "sync/oneroster/collection.hpp"
#include "sync/oneroster/json.hpp"

using namespace classbook::oneroster;

namespace {

// Through text as well, so numbers and strings survive serialisation, not just the object tree.
boost::json::value through_text(const boost::json::object& o) {
  auto v = parse_json_text(boost::json::serialize(o));
  REQUIRE(v.ok());
  return *v;
}

template <class T, class Parse>
void round_trip(const T& original, Parse parse) {
  auto parsed = parse(through_text(to_json(original)), "");
  INFO((parsed ? std::string() : parsed.error().message));
  REQUIRE(parsed.ok());
  CHECK(*parsed == original);
}

boost::json::object user_json() { return to_json(samples::pupil()); }

classbook::Error user_error(const boost::json::object& o) {
  auto r = parse_user(o);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("every OneRoster record round-trips through JSON text", "[oneroster][json]") {
  round_trip(samples::org(), [](const auto& v, auto p) { return parse_org(v, p); });
  round_trip(samples::term(), [](const auto& v, auto p) { return parse_academic_session(v, p); });
  round_trip(samples::course(), [](const auto& v, auto p) { return parse_course(v, p); });
  round_trip(samples::klass(), [](const auto& v, auto p) { return parse_class(v, p); });
  round_trip(samples::pupil(), [](const auto& v, auto p) { return parse_user(v, p); });
  round_trip(samples::enrollment(), [](const auto& v, auto p) { return parse_enrollment(v, p); });
  round_trip(samples::demographics(), [](const auto& v, auto p) { return parse_demographics(v, p); });
  round_trip(samples::category(), [](const auto& v, auto p) { return parse_category(v, p); });
  round_trip(samples::scale(), [](const auto& v, auto p) { return parse_score_scale(v, p); });
  round_trip(samples::line_item(), [](const auto& v, auto p) { return parse_line_item(v, p); });
  round_trip(samples::result(), [](const auto& v, auto p) { return parse_result(v, p); });
}

TEST_CASE("minimal records (required fields only) round-trip too", "[oneroster][json]") {
  User u;
  u.base = Base{"u1", Status::tobedeleted, "2026-01-01T00:00:00Z", std::nullopt};
  u.enabled_user = false;
  u.given_name = "A";
  u.family_name = "B";
  u.roles = {Role{RoleType::primary, RoleName::guardian, samples::ref(RefType::org, "o"), {}, {}, {}}};
  round_trip(u, [](const auto& v, auto p) { return parse_user(v, p); });
  ResultRecord r;
  r.base = Base{"r1", Status::active, "2026-01-01T00:00:00Z", std::nullopt};
  r.line_item = samples::ref(RefType::lineItem, "li");
  r.student = samples::ref(RefType::user, "u1");
  r.score_status = ScoreStatus::exempt;
  r.score_date = "2026-01-01";
  round_trip(r, [](const auto& v, auto p) { return parse_result(v, p); });
  CHECK(to_json(r).at("scoreStatus") == "exempt");
  CHECK_FALSE(to_json(r).contains("score"));
}

TEST_CASE("the JSON uses the standard's names and spellings", "[oneroster][json]") {
  const auto r = to_json(samples::result());
  CHECK(r.at("scoreStatus") == "fully graded");
  CHECK(r.at("late") == "true");
  CHECK(r.at("lineItem").at("type") == "lineItem");
  CHECK(r.at("score").as_double() == 21.5);
  const auto c = to_json(samples::klass());
  CHECK(c.at("classType") == "scheduled");
  CHECK(c.at("terms").as_array().size() == 2);
  CHECK(c.at("course").at("type") == "course");
  const auto u = user_json();
  CHECK(u.at("enabledUser") == "true");
  CHECK(u.at("roles").at(1).at("role") == "ext:monitor");
  CHECK(u.at("metadata").at("box.class_letter") == "Б");
  CHECK(to_json(samples::category()).at("weight").as_double() == 2.5);
  CHECK(to_json(samples::line_item()).at("resultValueMax").as_int64() == 20);  // whole numbers as integers
}

TEST_CASE("a missing required field is refused by name", "[oneroster][json]") {
  auto o = user_json();
  o.erase("familyName");
  const auto e = user_error(o);
  CHECK(e.id == classbook::ErrorCode("oneroster.missing_field"));
  CHECK(e.field == "familyName");
  CHECK(e.message == "familyName: missing; a OneRoster user needs it");
  o = user_json();
  o["roles"] = boost::json::array{};
  CHECK(user_error(o).message == "roles: empty; a OneRoster user needs at least 1");
  o = user_json();
  o["roles"].as_array()[0].as_object().erase("org");
  CHECK(user_error(o).field == "roles[0].org");
}

TEST_CASE("an unknown enumeration value is refused with the allowed ones", "[oneroster][json]") {
  auto o = user_json();
  o["roles"].as_array()[0].as_object()["role"] = "headmaster";
  auto r = parse_user(o, "users[3]");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == classbook::ErrorCode("oneroster.not_in_vocabulary"));
  CHECK(r.error().field == "users[3].roles[0].role");
  CHECK(r.error().message ==
        "users[3].roles[0].role: 'headmaster' is not a OneRoster role; expected one of aide, counselor, "
        "districtAdministrator, guardian, parent, principal, proctor, relative, siteAdministrator, student, "
        "systemAdministrator, teacher, or an extension 'ext:…'");
  o = user_json();
  o["status"] = "inactive";  // removed in 1.1
  CHECK(user_error(o).message == "status: 'inactive' is not a OneRoster status; expected one of active or tobedeleted");
  o = user_json();
  o["roles"].as_array()[0].as_object()["role"] = "ext:";  // an extension needs a name
  CHECK(user_error(o).field == "roles[0].role");
  o = user_json();
  o["enabledUser"] = "yes";
  CHECK(user_error(o).message == "enabledUser: 'yes' is not a OneRoster boolean; expected one of true or false (as strings)");
  auto res = to_json(samples::result());
  res["scoreStatus"] = "graded";
  CHECK(parse_result(res).error().field == "scoreStatus");
  res["scoreStatus"] = "ext:excused_by_doctor";
  REQUIRE(parse_result(res).ok());
  CHECK(parse_result(res)->score_status.extension == "ext:excused_by_doctor");
}

TEST_CASE("malformed dates and date-times are refused", "[oneroster][json]") {
  auto o = user_json();
  o["dateLastModified"] = "2026-09-01 08:30:00";
  CHECK(user_error(o).message ==
        "dateLastModified: '2026-09-01 08:30:00' is not a UTC date-time; expected YYYY-MM-DDTHH:MM:SS[.fraction]Z");
  o["dateLastModified"] = "2026-09-01T08:30:00+03:00";
  CHECK(user_error(o).id == classbook::ErrorCode("oneroster.bad_date"));
  auto s = to_json(samples::term());
  s["startDate"] = "2023-02-29";
  auto r = parse_academic_session(s);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "startDate: '2023-02-29' is not a date; expected YYYY-MM-DD, a real calendar day");
  s = to_json(samples::term());
  s["schoolYear"] = "2026-2027";
  CHECK(parse_academic_session(s).error().field == "schoolYear");
}

TEST_CASE("a wrong type, a wrong reference or an unknown field is refused", "[oneroster][json]") {
  auto o = user_json();
  o["givenName"] = 5;
  CHECK(user_error(o).message == "givenName: expected a string, got a number");
  o = user_json();
  o["agents"].as_array()[0].as_object()["type"] = "org";
  CHECK(user_error(o).message == "agents[0].type: 'org' does not fit here; expected 'user'");
  CHECK(user_error(o).id == classbook::ErrorCode("oneroster.bad_reference"));
  o = user_json();
  o["nickname"] = "Аня";
  CHECK(user_error(o).message == "nickname: not a field of a OneRoster user; proprietary data goes in \"metadata\"");
  CHECK(user_error(o).id == classbook::ErrorCode("oneroster.unknown_field"));
  CHECK(parse_user(boost::json::value("text")).error().id == classbook::ErrorCode("oneroster.wrong_type"));
  auto li = to_json(samples::line_item());
  li["resultValueMax"] = "20";
  CHECK(parse_line_item(li).error().message == "resultValueMax: expected a number, got a string");
}

TEST_CASE("a collection is read item by item: good kept, bad listed, nothing half-parsed", "[oneroster][json]") {
  boost::json::array users;
  users.push_back(user_json());
  auto bad_role = user_json();
  bad_role["sourcedId"] = "user-bad-role";
  bad_role["roles"].as_array()[0].as_object()["role"] = "headmaster";
  users.push_back(bad_role);
  users.push_back(boost::json::value(42));
  auto second = user_json();
  second["sourcedId"] = "user-pupil-2";
  users.push_back(second);
  auto no_name = user_json();
  no_name["sourcedId"] = "user-no-name";
  no_name.erase("givenName");
  users.push_back(no_name);
  auto c = parse_collection<User>(boost::json::object{{"users", users}});
  REQUIRE(c.ok());
  REQUIRE(c->items.size() == 2);
  CHECK(c->items[0].base.sourced_id == "user-pupil-1");
  CHECK(c->items[1].base.sourced_id == "user-pupil-2");
  REQUIRE(c->refused.size() == 3);
  CHECK(c->refused[0].index == 1);
  CHECK(c->refused[0].sourced_id == "user-bad-role");
  CHECK(c->refused[0].reason.field == "users[1].roles[0].role");
  CHECK(c->refused[1].index == 2);
  CHECK(c->refused[1].sourced_id.empty());
  CHECK(c->refused[1].reason.message == "users[2]: expected an object (a OneRoster user), got a number");
  CHECK(c->refused[2].reason.message == "users[4].givenName: missing; a OneRoster user needs it");

  CHECK(parse_collection<User>(boost::json::object{{"orgs", users}}).error().id ==
        classbook::ErrorCode("oneroster.not_a_collection"));
  CHECK(parse_json_text("{\"users\": [").error().id == classbook::ErrorCode("oneroster.malformed_json"));
  CHECK(collection_key<AcademicSession>() == "academicSessions");
  CHECK(collection_key<ResultRecord>() == "results");
}
