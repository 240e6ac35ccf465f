// The roster planner's teaching rules (docs/sync.md § Roster in, "Teaching"), the school's org and the
// portal's terms: a teacher's enrollment in a class × subject as a `teaching` row, the subjects it
// needs, and what is not kept or refused — pure, one rule at a time.
#include <catch2/catch.hpp>

#include <algorithm>

#include "roster_sent.hpp"
#include "sync/oneroster/json.hpp"
#include "sync/roster_plan.hpp"

using namespace classbook;
using namespace classbook::sync;
using namespace roster_json;

namespace {

json::object teaches(const std::string& id, const std::string& teacher, const std::string& klass, bool gone = false,
                     const std::string& stamp = "2026-09-01T08:00:00Z") {
  return enrollment(id, teacher, klass, stamp, gone, "teacher");
}

// A box with 5А, the subject Математика and the teacher Ольга Петрова, linked to the portal's 5А and Ольга.
struct SchoolBox {
  store::RosterRows rows;
  std::vector<store::PortalLink> links{{class_entity, "c-5a", "box-5a"}, {teacher_entity, "u-olga", "box-olga"}};
  SchoolBox() {
    rows.classes = {{"box-5a", "5А"}};
    rows.subjects = {{"box-math", "Математика"}};
    rows.teachers = {{"box-olga", "Петрова", "Ольга", "", {}, "", false, {}, {}}};
  }
};

}  // namespace

TEST_CASE("a teacher enrolled in a class × subject teaches it: the class by its classCode, the subject by the course's title") {
  SchoolBox box;
  Sent s;
  s.course(course("k-math5", "МАТЕМАТИКА", "MATH-5"))
      .klass(scheduled("c-math-5a", "Математика, 5 класс", "5А", "k-math5"))
      .enrol(teaches("e-olga", "u-olga", "c-math-5a"));
  auto plan = plan_roster(s.roster, box.rows, box.links);
  REQUIRE(plan.refused.empty());
  // The box's Математика is the course's subject (case and ё aside): linked, and the portal told.
  REQUIRE(plan.subjects.size() == 1);
  CHECK(plan.subjects[0].kind == StepKind::link);
  CHECK(plan.subjects[0].uuid == "box-math");
  CHECK(plan.subjects[0].course_sourced_id == "k-math5");
  REQUIRE(plan.teaching.size() == 1);
  const auto& t = plan.teaching[0];
  CHECK(t.add);
  CHECK(std::tuple{t.class_uuid, t.subject_uuid, t.teacher_uuid} == std::tuple{"box-5a", "box-math", "box-olga"});
  const auto lines = describe(plan);
  CHECK(std::find(lines.begin(), lines.end(), "teaching add e-olga Петрова Ольга: 5А Математика") != lines.end());

  SECTION("the row already there: nothing to do") {
    box.rows.teaching = {{"box-5a", "box-math", "box-olga"}};
    box.links.push_back({subject_entity, "k-math5", "box-math"});
    plan = plan_roster(s.roster, box.rows, box.links);
    CHECK(plan.changes() == 0);
    CHECK(plan.refused.empty());
  }
  SECTION("the enrollment gone takes the row away; a gone enrollment of a row the box lacks does nothing") {
    box.rows.teaching = {{"box-5a", "box-math", "box-olga"}};
    box.links.push_back({subject_entity, "k-math5", "box-math"});
    Sent gone;
    gone.klass(scheduled("c-math-5a", "Математика, 5 класс", "5А", "k-math5"))
        .enrol(teaches("e-olga", "u-olga", "c-math-5a", true, "2026-12-01T08:00:00Z"));
    plan = plan_roster(gone.roster, box.rows, box.links);
    REQUIRE(plan.teaching.size() == 1);
    CHECK_FALSE(plan.teaching[0].add);
    CHECK(plan.teaching[0].subject_uuid == "box-math");  // through the course's link: the course was not sent
    box.rows.teaching.clear();
    CHECK(plan_roster(gone.roster, box.rows, box.links).changes() == 0);
  }
  SECTION("a gone enrollment leaves the row when another one read now still gives it (a second group)") {
    box.rows.teaching = {{"box-5a", "box-math", "box-olga"}};
    s.klass(scheduled("c-math-5a-2", "Математика, 5А, группа 2", "5А", "k-math5"))
        .enrol(teaches("e-olga-2", "u-olga", "c-math-5a-2"));
    s.roster.enrollments[0] = *oneroster::parse_enrollment(teaches("e-olga", "u-olga", "c-math-5a", true));
    plan = plan_roster(s.roster, box.rows, box.links);
    CHECK(plan.teaching.empty());
  }
}

TEST_CASE("a course naming a subject the box lacks makes it — name from the title, short name from the courseCode") {
  SchoolBox box;
  box.rows.classes.push_back({"box-6b", "6Б"});
  Sent s;
  s.course(course("k-inf5", " Информатика ", "ИНФ"))
      .course(course("k-inf6", "информатика", "INF-6"))
      .course(course("k-astro", "Астрономия", "АСТРОНОМИЯ-УГЛУБЛЁННАЯ-ПРОГРАММА"))
      .klass(scheduled("c-inf-5a", "Информатика 5А", "5А", "k-inf5"))
      .klass(scheduled("c-inf-6b", "Информатика 6Б", "6Б", "k-inf6"))
      .klass(scheduled("c-astro-5a", "Астрономия 5А", "5А", "k-astro"))
      .enrol(teaches("e-1", "u-olga", "c-inf-5a"))
      .enrol(teaches("e-2", "u-olga", "c-inf-6b"))
      .enrol(teaches("e-3", "u-olga", "c-astro-5a"));
  const auto plan = plan_roster(s.roster, box.rows, box.links);
  REQUIRE(plan.refused.empty());
  REQUIRE(plan.subjects.size() == 2);  // one Информатика for both courses
  CHECK(plan.subjects[0].kind == StepKind::create);
  CHECK(plan.subjects[0].name == "Информатика");
  CHECK(plan.subjects[0].short_name == "ИНФ");
  CHECK(plan.subjects[1].name == "Астрономия");
  CHECK(plan.subjects[1].short_name == "Астрономия");  // a courseCode too long for a short name
  REQUIRE(plan.teaching.size() == 3);
  for (const auto& t : plan.teaching) CHECK(t.subject_uuid.empty());  // made by this plan …
  CHECK(plan.teaching[0].course_sourced_id == plan.teaching[1].course_sourced_id);  // … named by the course that made it
}

TEST_CASE("a course with an empty title is refused once, and nothing of its teaching is made") {
  SchoolBox box;
  Sent s;
  s.course(course("k-blank", "  ", "X"))
      .klass(scheduled("c-1", "?", "5А", "k-blank"))
      .klass(scheduled("c-2", "?", "5А", "k-blank"))
      .enrol(teaches("e-1", "u-olga", "c-1"))
      .enrol(teaches("e-2", "u-olga", "c-2"));
  const auto plan = plan_roster(s.roster, box.rows, box.links);
  CHECK(plan.subjects.empty());
  CHECK(plan.teaching.empty());
  REQUIRE(plan.refused.size() == 1);
  CHECK(plan.refused[0].collection == "courses");
  CHECK(plan.refused[0].code == "roster.course_title");
}

TEST_CASE("a teacher and a class new in the same read get their teaching, named by their sourcedIds") {
  Sent s;
  s.klass(homeroom("c-6b", "6Б"))
      .user(user("u-ivan", "teacher", "Иванов", "Иван"))
      .course(course("k-hist", "История", "ИСТ"))
      .klass(scheduled("c-hist-6b", "История 6Б", "", "k-hist"))  // no classCode: the title says nothing …
      .enrol(teaches("e-ivan", "u-ivan", "c-hist-6b"));
  auto plan = plan_roster(s.roster, {}, {});
  CHECK(plan.teaching.empty());  // … "История 6Б" is no class name: an elective, not kept
  CHECK(plan.refused.empty());

  s.roster.classes.back() = *oneroster::parse_class(scheduled("c-hist-6b", "6Б", "", "k-hist"));  // the title names the class
  plan = plan_roster(s.roster, {}, {});
  REQUIRE(plan.refused.empty());
  REQUIRE(plan.teaching.size() == 1);
  const auto& t = plan.teaching[0];
  CHECK(t.class_uuid.empty());
  CHECK(t.class_sourced_id == "c-6b");
  CHECK(t.teacher_sourced_id == "u-ivan");
  CHECK(t.course_sourced_id == "k-hist");
  CHECK(t.teacher_name == "Иванов Иван");
}

TEST_CASE("teaching the box cannot place is refused with its reason, and what is not the box's is counted") {
  SchoolBox box;
  Sent s;
  s.course(course("k-math5", "Математика", "М"))
      .user(user("u-head", "principal", "Главная", "Анна"))
      .klass(scheduled("c-9ya", "Математика 9Я", "9Я", "k-math5"))
      .klass(scheduled("c-nocourse", "Химия 5А", "5А", "k-chem"))
      .klass(scheduled("c-head", "Математика 5А", "5А", "k-math5"))
      .klass(scheduled("c-stranger", "Математика 5А, гр. 3", "5А", "k-math5"))
      .enrol(teaches("e-home", "u-olga", "c-5a"))           // a class teacher: the office sets those
      .enrol(teaches("e-9ya", "u-olga", "c-9ya"))           // 9Я: no such class on the box
      .enrol(teaches("e-nowhere", "u-olga", "c-nowhere"))   // a class the portal did not send
      .enrol(teaches("e-chem", "u-olga", "c-nocourse"))     // a course the portal did not send
      .enrol(teaches("e-head", "u-head", "c-head"))         // a principal: not a teacher the box keeps
      .enrol(teaches("e-stranger", "u-x", "c-stranger"))    // a user the portal did not send
      .enrol(teaches("e-old", "u-olga", "c-gone", true));   // gone, and unknown anyway: nothing
  const auto plan = plan_roster(s.roster, box.rows, box.links);
  CHECK(plan.teaching.empty());
  REQUIRE(refusal_of(plan, "e-9ya"));
  CHECK(refusal_of(plan, "e-9ya")->code == "roster.class_unknown");
  CHECK(refusal_of(plan, "e-9ya")->reason.find("9Я") != std::string::npos);
  REQUIRE(refusal_of(plan, "e-nowhere"));
  CHECK(refusal_of(plan, "e-nowhere")->code == "roster.class_unknown");
  REQUIRE(refusal_of(plan, "e-chem"));
  CHECK(refusal_of(plan, "e-chem")->code == "roster.course_unknown");
  REQUIRE(refusal_of(plan, "e-stranger"));
  CHECK(refusal_of(plan, "e-stranger")->code == "roster.unknown_user");
  CHECK(plan.refused.size() == 4);
  CHECK(plan.not_kept == 4 + 1 + 2);  // four class × subjects; the principal; the homeroom's and the principal's enrollments
}

TEST_CASE("the school's org must be an active school") {
  auto org_of = [](const json::object& o) { return *oneroster::parse_org(o); };
  const auto school = org_of(org("school-1", "school"));
  CHECK(check_school_org(&school, "school-1"));
  const auto missing = check_school_org(nullptr, "school-1");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().id.view() == "sync.school_unknown");
  const auto district = org_of(org("school-1", "district"));
  REQUIRE_FALSE(check_school_org(&district, "school-1"));
  CHECK(check_school_org(&district, "school-1").error().id.view() == "sync.school_not_a_school");
  const auto closed = org_of(org("school-1", "school", "2026-09-01T08:00:00Z", true));
  REQUIRE_FALSE(check_school_org(&closed, "school-1"));
  CHECK(check_school_org(&closed, "school-1").error().message.find("tobedeleted") != std::string::npos);
}

TEST_CASE("the portal's terms are compared with the box's and told, never applied") {
  store::RosterRows box;
  box.terms = {{"2026-09-01", "2026-10-27"}, {"2026-11-05", "2026-12-29"}};
  Sent s;
  s.session(term("t-1", "2026-09-01", "2026-10-28")).session(term("t-2", "2026-11-03", "2026-12-30"));
  const auto plan = plan_roster(s.roster, box, {});
  CHECK(plan.changes() == 0);
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0].find("t-2") != std::string::npos);
  CHECK(plan_roster(s.roster, {}, {}).notes.empty());  // a box without terms yet compares nothing
}
