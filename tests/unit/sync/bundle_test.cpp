// bundle_test: OneRoster 1.2 CSV bundles — a good one read whole (from a map, a real zip made with
// libzip here, and a folder), bad ones refused with every problem by file, row and column.
#include <catch2/catch.hpp>

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "sync/oneroster/bundle.hpp"
#include "sync/oneroster/csv.hpp"

using namespace classbook::oneroster;
using Files = std::map<std::string, std::string, std::less<>>;

namespace {

const char* const manifest =
    "propertyName,value\r\n"
    "manifest.version,1.0\r\n"
    "oneroster.version,1.2\r\n"
    "file.academicSessions,bulk\r\n"
    "file.categories,absent\r\n"
    "file.classes,bulk\r\n"
    "file.courses,bulk\r\n"
    "file.demographics,bulk\r\n"
    "file.enrollments,bulk\r\n"
    "file.lineItems,bulk\r\n"
    "file.orgs,bulk\r\n"
    "file.roles,bulk\r\n"
    "file.users,bulk\r\n"
    "source.systemName,Городской портал\r\n"
    "source.systemCode,city\r\n";

// A small school: one org, a year and a term, a course, a class, a pupil and her guardian, a teacher.
Files good_bundle() {
  Files f;
  f["manifest.csv"] = manifest;
  f["orgs.csv"] = "\xEF\xBB\xBFsourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\n"
                  "org-1,,,\"Школа № 5, корпус 1\",school,0505,\r\n";
  f["academicSessions.csv"] =
      "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
      "year-2027,,,2026/27,schoolYear,2026-09-01,2027-06-01,,2027\n"
      "term-1,,,I четверть,term,2026-09-01,2026-11-01,year-2027,2027\n";
  f["courses.csv"] =
      "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n"
      "course-math-5,,,year-2027,Математика 5,MATH5,05,org-1,математика,MATH\n";
  f["classes.csv"] =
      "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,"
      "termSourcedIds,subjects,subjectCodes,periods,metadata.letter\n"
      "class-5b-math,,,5Б математика,05,course-math-5,5B-MATH,scheduled,каб. 12,org-1,\"term-1, year-2027\","
      "математика,MATH,\"1,3\",Б\n";
  f["users.csv"] =
      "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,"
      "email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,"
      "preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n"
      "u-pupil,,,true,ivanova.a,\"{SIS:1001},{LDAP:ivanova}\",Анна,Иванова,Сергеевна,1001,anna@school5.example,,,"
      "u-guardian,05,,,,Аня,,,org-1,\n"
      "u-guardian,,,true,,,Ольга,Иванова,,,olga@mail.example,,,u-pupil,,,,,,,,,\n"
      "u-teacher,,,true,petrov,,Пётр,Петров,,,petrov@school5.example,,,,,,,,,,,org-1,\n";
  f["roles.csv"] =
      "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\n"
      "r1,,,u-pupil,primary,student,2026-09-01,,org-1,\n"
      "r2,,,u-guardian,primary,guardian,,,org-1,\n"
      "r3,,,u-teacher,primary,teacher,,,org-1,\n";
  f["enrollments.csv"] =
      "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n"
      "e1,,,class-5b-math,org-1,u-pupil,student,,2026-09-01,\n"
      "e2,,,class-5b-math,org-1,u-teacher,teacher,true,,\n";
  f["demographics.csv"] =
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,"
      "nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,"
      "countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus\n"
      "u-pupil,,,2015-02-28,female,,,,,,,,RU,,Москва,\n";
  f["lineItems.csv"] = "sourcedId\nli-1\n";  // listed bulk, not read by the box
  return f;
}

std::string temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("oneroster_test_" + std::to_string(::getpid()) + "_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void write_zip(const std::string& path, const Files& files) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(z != nullptr);
  for (const auto& [name, bytes] : files) {
    zip_source_t* s = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    REQUIRE(s != nullptr);
    REQUIRE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(z) == 0);  // the buffers are read here, while `files` is alive
}

bool has_problem(const BundleReading& r, std::string file, std::size_t row, std::string column, std::string part) {
  for (const auto& p : r.problems)
    if (p.file == file && p.row == row && p.column == column && p.message.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a good bulk bundle is read whole", "[oneroster][bundle]") {
  auto r = read_bundle_files(good_bundle());
  INFO(format_problems(r));
  REQUIRE(r.problems.empty());
  REQUIRE(r.bundle);
  const auto& b = *r.bundle;
  CHECK(b.source_system_name == "Городской портал");
  CHECK(b.mode("users") == FileMode::bulk);
  CHECK(b.mode("categories") == FileMode::absent);
  CHECK(b.not_imported == std::vector<std::string>{"lineItems"});
  REQUIRE(b.orgs.size() == 1);
  CHECK(b.orgs[0].name == "Школа № 5, корпус 1");  // quoted comma, BOM skipped
  CHECK(b.orgs[0].base.date_last_modified.empty());  // bulk rows carry none
  CHECK(b.academic_sessions.size() == 2);
  REQUIRE(b.classes.size() == 1);
  CHECK(b.classes[0].terms.size() == 2);
  CHECK(b.classes[0].periods == std::vector<std::string>{"1", "3"});
  CHECK(b.classes[0].base.metadata->at("letter") == "Б");
  REQUIRE(b.users.size() == 3);
  CHECK(b.users[0].user_ids.size() == 2);
  CHECK(b.users[0].user_ids[1].identifier == "ivanova");
  CHECK(b.users[0].preferred_first_name == "Аня");
  CHECK(b.users[0].roles.at(0).role.value == RoleName::student);
  CHECK(b.users[0].agents.at(0).sourced_id == "u-guardian");
  CHECK(b.users[1].roles.at(0).role.value == RoleName::guardian);
  REQUIRE(b.enrollments.size() == 2);
  CHECK(b.enrollments[1].primary == true);
  REQUIRE(b.demographics.size() == 1);
  CHECK(b.demographics[0].sex->value == Sex::female);
}

TEST_CASE("the same bundle from a real zip and from a folder", "[oneroster][bundle]") {
  const auto dir = temp_dir("zip");
  const auto files = good_bundle();
  write_zip(dir + "/bundle.zip", files);
  auto z = read_bundle(dir + "/bundle.zip");
  INFO((z ? std::string() : z.error().message));
  REQUIRE(z.ok());
  CHECK(z->users.size() == 3);

  const auto folder = temp_dir("folder");
  for (const auto& [name, bytes] : files) std::ofstream(folder + "/" + name, std::ios::binary) << bytes;
  auto d = read_bundle_directory(folder);
  REQUIRE(d.bundle);
  CHECK(d.bundle->enrollments.size() == 2);

  auto missing = read_bundle(dir + "/nothing.zip");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().id == classbook::ErrorCode("oneroster_csv.unreadable"));

  Files nested = files;
  nested["sub/users.csv"] = files.at("users.csv");
  write_zip(dir + "/nested.zip", nested);
  auto n = read_bundle_zip(dir + "/nested.zip");
  CHECK_FALSE(n.bundle);
  CHECK(has_problem(n, "sub/users.csv", 0, "", "no folders"));
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(folder);
}

TEST_CASE("a bad bundle: every problem by file, row and column, nothing returned", "[oneroster][bundle]") {
  auto f = good_bundle();
  // users.csv: a bad boolean on row 3, an unknown enrollment role, a duplicate id, a dangling reference.
  f["users.csv"].replace(f["users.csv"].find("u-guardian,,,true"), 17, "u-guardian,,,yes!");
  f["enrollments.csv"] += "e3,,,class-5b-math,org-1,u-pupil,headmaster,,,\n";
  f["enrollments.csv"] += "e1,,,class-5b-math,org-1,u-pupil,student,,,\n";
  f["enrollments.csv"] += "e4,,,class-9z,org-1,u-pupil,student,,,\n";
  f["academicSessions.csv"] += "term-2,,,II четверть,term,2026-11-31,2027-01-01,year-2027,2027\n";
  f["orgs.csv"] += "org-2,active,,Другая,school,,\n";  // status in a bulk file
  auto r = read_bundle_files(f);
  INFO(format_problems(r));
  CHECK_FALSE(r.bundle);
  CHECK(has_problem(r, "users.csv", 3, "enabledUser", "'yes!' is not a OneRoster boolean"));
  CHECK(has_problem(r, "enrollments.csv", 4, "role", "'headmaster' is not a OneRoster enrollment role"));
  CHECK(has_problem(r, "enrollments.csv", 5, "sourcedId", "'e1' appears twice"));
  CHECK(has_problem(r, "enrollments.csv", 6, "classSourcedId", "'class-9z' is not in classes.csv"));
  CHECK(has_problem(r, "academicSessions.csv", 4, "startDate", "'2026-11-31' is not a date"));
  CHECK(has_problem(r, "orgs.csv", 3, "status", "must be blank in a bulk file"));
  CHECK(r.problems_total >= 6);
  auto text = format_problems(r);
  CHECK(text.find("enrollments.csv:4:role: 'headmaster'") != std::string::npos);
}

TEST_CASE("manifest and file-level problems", "[oneroster][bundle]") {
  auto f = good_bundle();
  f.erase("manifest.csv");
  CHECK(has_problem(read_bundle_files(f), "manifest.csv", 0, "", "missing"));

  f = good_bundle();
  f["manifest.csv"] = std::string(manifest).replace(std::string(manifest).find("1.2"), 3, "1.1");
  CHECK(has_problem(read_bundle_files(f), "manifest.csv", 0, "value", "oneroster.version is '1.1'"));

  f = good_bundle();
  f.erase("roles.csv");
  CHECK(has_problem(read_bundle_files(f), "roles.csv", 0, "", "missing although manifest.csv says file.roles=bulk"));

  f = good_bundle();
  f["notes.csv"] = "a\n1\n";
  CHECK(has_problem(read_bundle_files(f), "notes.csv", 0, "", "not listed in manifest.csv"));

  f = good_bundle();
  f["orgs.csv"] = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,shoeSize\r\n";
  CHECK(has_problem(read_bundle_files(f), "orgs.csv", 1, "shoeSize", "not a column of orgs.csv"));

  f = good_bundle();
  f["courses.csv"] = "sourcedId,status,dateLastModified,title\n";
  CHECK(has_problem(read_bundle_files(f), "courses.csv", 1, "courseCode", "missing column"));

  f = good_bundle();
  f["orgs.csv"] = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\norg-1,,,\"Школа,school,1,\r\n";
  CHECK(has_problem(read_bundle_files(f), "orgs.csv", 2, "name", "no closing quote"));

  f = good_bundle();
  f["orgs.csv"] = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\norg-1,,,\xC3\x28,school,1,\r\n";
  CHECK(has_problem(read_bundle_files(f), "orgs.csv", 2, "name", "not valid UTF-8"));

  f = good_bundle();
  f["roles.csv"] = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,"
                   "userProfileSourcedId\nr1,,,u-pupil,primary,student,,,org-1,\n";
  auto r = read_bundle_files(f);
  CHECK(has_problem(r, "users.csv", 3, "sourcedId", "'u-guardian' has no valid role in roles.csv"));
}

TEST_CASE("a delta bundle needs status and dateLastModified on every row", "[oneroster][bundle]") {
  Files f;
  f["manifest.csv"] =
      "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.academicSessions,absent\n"
      "file.classes,absent\nfile.courses,absent\nfile.demographics,absent\nfile.enrollments,delta\nfile.orgs,absent\n"
      "file.roles,absent\nfile.users,absent\n";
  f["enrollments.csv"] =
      "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n"
      "e1,tobedeleted,2026-10-01T10:00:00.25Z,class-elsewhere,org-1,u-1,student,,,\n"
      "e2,,,class-1,org-1,u-2,student,,,\n";
  auto r = read_bundle_files(f);
  CHECK(has_problem(r, "enrollments.csv", 3, "status", "a delta file gives each row's status"));
  f["enrollments.csv"].resize(f["enrollments.csv"].find("e2,"));
  r = read_bundle_files(f);
  INFO(format_problems(r));
  REQUIRE(r.bundle);  // references into files not sent whole are not checked
  CHECK(r.bundle->enrollments.at(0).base.status == Status::tobedeleted);
  CHECK(r.bundle->enrollments.at(0).base.date_last_modified == "2026-10-01T10:00:00.25Z");
}

TEST_CASE("RFC 4180 reading", "[oneroster][csv]") {
  auto t = read_csv("a,b\r\n\"x \"\"q\"\"\",\"line\nbreak\"\r\n\r\n", {10, 100});
  REQUIRE_FALSE(t.problem);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][0] == "x \"q\"");
  CHECK(t.rows[0][1] == "line\nbreak");
  CHECK(read_csv("a,b\n1\n", {10, 100}).problem->message == "has 1 fields; the header has 2");
  CHECK(read_csv("a\nx\"y\n", {10, 100}).problem->row == 2);
  CHECK(read_csv("a\n\"x\"y\n", {10, 100}).problem->message.find("after a closing quote") != std::string::npos);
  CHECK(read_csv("a\n1\n2\n3\n", {2, 100}).problem->message.find("more than 2 rows") != std::string::npos);
  CHECK(read_csv("a\n12345\n", {10, 4}).problem->column == 1);
  CHECK(read_csv("", {10, 4}).problem);
  CHECK(is_utf8("Иванова"));
  CHECK_FALSE(is_utf8("\xED\xA0\x80"));  // a surrogate
  CHECK_FALSE(is_utf8("\xC0\xAF"));      // overlong
}
