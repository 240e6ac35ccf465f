// samples: one full, valid record of each OneRoster type (every optional field set), for the tests.
#pragma once

#include "sync/oneroster/model.hpp"

namespace samples {

using namespace classbook::oneroster;

inline GuidRef ref(RefType t, std::string id) {
  return GuidRef{"https://box.example/ims/oneroster/x/" + id, std::move(id), t};
}

inline Base base(std::string id) {
  return Base{std::move(id), Status::active, "2026-09-01T08:30:00.123Z",
              boost::json::object{{"box.class_letter", "Б"}, {"n", 3}}};
}

inline Org org() {
  return Org{base("org-1"), "Школа № 5", OrgType::school, "0505", ref(RefType::org, "district-1"),
             {ref(RefType::org, "dept-1")}};
}

inline AcademicSession term() {
  return AcademicSession{base("term-1"), "I четверть", "2026-09-01", "2026-11-01", SessionType::term,
                         ref(RefType::academicSession, "year-2027"), {ref(RefType::academicSession, "gp-1")}, "2027"};
}

inline Course course() {
  return Course{base("course-math-5"), "Математика 5", ref(RefType::academicSession, "year-2027"), "MATH5",
                {"05"}, {"математика"}, ref(RefType::org, "org-1"), {"MATH"}, {ref(RefType::resource, "res-1")}};
}

inline Class klass() {
  Class c;
  c.base = base("class-5b-math");
  c.title = "5Б математика";
  c.class_code = "5B-MATH";
  c.class_type = Extensible<ClassType>(ClassType::scheduled);
  c.location = "каб. 12";
  c.grades = {"05"};
  c.subjects = {"математика"};
  c.course = ref(RefType::course, "course-math-5");
  c.school = ref(RefType::org, "org-1");
  c.terms = {ref(RefType::academicSession, "term-1"), ref(RefType::academicSession, "term-2")};
  c.subject_codes = {"MATH"};
  c.periods = {"1", "3"};
  c.resources = {ref(RefType::resource, "res-1")};
  return c;
}

inline User pupil() {
  User u;
  u.base = base("user-pupil-1");
  u.user_master_identifier = "master-1";
  u.username = "ivanova.a";
  u.user_ids = {{"SIS", "1001"}};
  u.enabled_user = true;
  u.given_name = "Анна";
  u.family_name = "Иванова";
  u.middle_name = "Сергеевна";
  u.preferred_first_name = "Аня";
  u.preferred_middle_name = "С.";
  u.preferred_last_name = "Иванова";
  u.pronouns = "she/her";
  u.roles = {Role{RoleType::primary, RoleName::student, ref(RefType::org, "org-1"), "profile-1", "2026-09-01",
                  "2027-06-01"},
             Role{RoleType::secondary, Extensible<RoleName>::ext("ext:monitor"), ref(RefType::org, "org-2"), {}, {}, {}}};
  u.user_profiles = boost::json::array{boost::json::object{{"profileId", "p1"}, {"profileType", "app"}, {"vendorId", "v"}}};
  u.primary_org = ref(RefType::org, "org-1");
  u.identifier = "1001";
  u.email = "anna@school5.example";
  u.sms = "+70000000001";
  u.phone = "+70000000002";
  u.agents = {ref(RefType::user, "user-guardian-1")};
  u.grades = {"05"};
  u.password = "x";
  u.resources = {ref(RefType::resource, "res-1")};
  return u;
}

inline Enrollment enrollment() {
  return Enrollment{base("enr-1"), ref(RefType::user, "user-pupil-1"), ref(RefType::class_, "class-5b-math"),
                    ref(RefType::org, "org-1"), EnrollmentRole::student, false, "2026-09-01", "2027-06-01"};
}

inline Demographics demographics() {
  Demographics d;
  d.base = base("user-pupil-1");
  d.birth_date = "2015-02-28";
  d.sex = Extensible<Sex>(Sex::female);
  d.american_indian_or_alaska_native = false;
  d.asian = false;
  d.black_or_african_american = false;
  d.native_hawaiian_or_other_pacific_islander = false;
  d.white = true;
  d.demographic_race_two_or_more_races = false;
  d.hispanic_or_latino_ethnicity = false;
  d.country_of_birth_code = "RU";
  d.state_of_birth_abbreviation = "MOW";
  d.city_of_birth = "Москва";
  d.public_school_residence_status = "resident";
  return d;
}

inline Category category() { return Category{base("cat-test"), "Контрольная работа", 2.5}; }

inline ScoreScale scale() {
  return ScoreScale{base("scale-5"), "Пятибалльная", "points", ref(RefType::course, "course-math-5"),
                    ref(RefType::class_, "class-5b-math"), {{"5", "отлично"}, {"2", "неудовлетворительно"}}};
}

inline LineItem line_item() {
  LineItem l;
  l.base = base("li-1");
  l.title = "Контрольная: дроби";
  l.description = "Урок 14";
  l.assign_date = "2026-10-01T06:00:00Z";
  l.due_date = "2026-10-08T06:00:00.5Z";
  l.class_ = ref(RefType::class_, "class-5b-math");
  l.school = ref(RefType::org, "org-1");
  l.category = ref(RefType::category, "cat-test");
  l.grading_period = ref(RefType::academicSession, "gp-1");
  l.academic_session = ref(RefType::academicSession, "term-1");
  l.score_scale = ref(RefType::scoreScale, "scale-5");
  l.result_value_min = 0;
  l.result_value_max = 20;
  l.learning_objective_set = boost::json::array{boost::json::object{{"source", "case"}, {"learningObjectiveIds", boost::json::array{"lo1"}}}};
  return l;
}

inline ResultRecord result() {
  ResultRecord r;
  r.base = base("res-1");
  r.line_item = ref(RefType::lineItem, "li-1");
  r.student = ref(RefType::user, "user-pupil-1");
  r.class_ = ref(RefType::class_, "class-5b-math");
  r.score_scale = ref(RefType::scoreScale, "scale-5");
  r.score_status = ScoreStatus::fully_graded;
  r.score = 21.5;  // extra credit above resultValueMax, kept as sent
  r.text_score = "отлично";
  r.score_date = "2026-10-08";
  r.comment = "молодец";
  r.learning_objective_set = boost::json::array{};
  r.in_progress = false;
  r.incomplete = false;
  r.late = true;
  r.missing = false;
  return r;
}

}  // namespace samples
