// Tests of print_class_records: who prints a class's attendance report and a subject's journal.
#include <catch2/catch.hpp>

#include "domain/policy.hpp"

using namespace classbook::domain;

namespace {

constexpr long long led_class = 10, taught_class = 20, other_class = 30, maths = 1, history = 2;

Actor actor(Role role) {
  Actor a;
  a.user_id = 1;
  a.role = role;
  a.person_id = 500;
  if (role == Role::teacher) {
    a.homeroom_classes = {led_class};
    a.teaches = {{taught_class, maths}};
  }
  return a;
}

Target attendance_of(long long class_id) { return {0, class_id, 0, 0}; }
Target journal_of(long long class_id, long long subject_id) { return {0, class_id, subject_id, 0}; }

}  // namespace

TEST_CASE("the class teacher, the subject's teacher, the office and the director print class records") {
  const auto teacher = actor(Role::teacher);
  CHECK(decide(teacher, Action::print_class_records, attendance_of(led_class)));
  CHECK(decide(teacher, Action::print_class_records, journal_of(led_class, history)));  // any subject of the own class
  CHECK(decide(teacher, Action::print_class_records, journal_of(taught_class, maths)));
  CHECK_FALSE(decide(teacher, Action::print_class_records, journal_of(taught_class, history)));
  CHECK_FALSE(decide(teacher, Action::print_class_records, attendance_of(taught_class)));  // a subject teacher's is the journal
  CHECK_FALSE(decide(teacher, Action::print_class_records, attendance_of(other_class)));
  for (Role r : {Role::secretary, Role::director}) {
    CAPTURE(to_string(r));
    CHECK(decide(actor(r), Action::print_class_records, attendance_of(other_class)));
    CHECK(decide(actor(r), Action::print_class_records, journal_of(other_class, history)));
  }
  for (Role r : {Role::student, Role::guardian, Role::admin, Role::kiosk}) {
    CAPTURE(to_string(r));
    const auto d = decide(actor(r), Action::print_class_records, attendance_of(led_class));
    CHECK_FALSE(d);
    CHECK(d.reason.find("print") != std::string::npos);
  }
  CHECK(std::string(to_string(Action::print_class_records)) == "print_class_records");
}

TEST_CASE("staff print on the school's printers, families and the administrator do not") {
  for (Role r : {Role::teacher, Role::secretary, Role::director}) {
    CAPTURE(to_string(r));
    CHECK(decide(actor(r), Action::use_printers, {}));
  }
  for (Role r : {Role::student, Role::guardian, Role::admin, Role::kiosk}) {
    CAPTURE(to_string(r));
    const auto d = decide(actor(r), Action::use_printers, {});
    CHECK_FALSE(d);
    CHECK(d.reason.find("hall kiosk") != std::string::npos);
  }
}
