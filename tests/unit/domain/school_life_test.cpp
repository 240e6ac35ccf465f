// Tests of the office's school-life checks and of who may change the school's settings and its life.
#include <catch2/catch.hpp>
#include <string>

#include "domain/policy.hpp"
#include "domain/school_life.hpp"

using namespace classbook::domain;

namespace {

bool says(const std::optional<std::string>& problem, const std::string& words) {
  return problem && problem->find(words) != std::string::npos;
}

Actor actor(Role role) {
  Actor a;
  a.user_id = 1;
  a.role = role;
  a.person_id = 500;
  if (role == Role::teacher) a.homeroom_classes = {10};
  if (role == Role::guardian) a.children = {77};
  return a;
}

}  // namespace

TEST_CASE("an event has a title, and a start or a start with a later end") {
  CHECK_FALSE(check_event_title("Новогодний концерт"));
  CHECK(says(check_event_title(" "), "must not be empty"));
  CHECK(says(check_event_title(std::string(max_event_title_length + 1, 'a')), "at most 200"));
  CHECK_FALSE(check_event_place(""));
  CHECK_FALSE(check_event_body("Первая строка\nвторая строка"));
  CHECK(says(check_event_place("Актовый\nзал"), "one line"));
  CHECK_FALSE(check_event_times(std::nullopt, std::nullopt));
  CHECK_FALSE(check_event_times(18 * 60, std::nullopt));
  CHECK_FALSE(check_event_times(18 * 60, 19 * 60));
  CHECK(says(check_event_times(std::nullopt, 19 * 60), "needs a start"));
  CHECK(says(check_event_times(18 * 60, 18 * 60), "ends (18:00) before or when it starts (18:00)"));
  CHECK(says(check_cancel_reason(""), "must not be empty"));
  CHECK_FALSE(check_club_name("Шахматы"));
  CHECK(says(check_club_name(std::string(max_club_name_length + 1, 'a')), "at most 100"));
}

TEST_CASE("the director alone changes the school's settings, the office and the director its events and clubs") {
  CHECK(decide(actor(Role::director), Action::manage_school, {}));
  CHECK(decide(actor(Role::director), Action::manage_school_life, {}));
  CHECK(decide(actor(Role::secretary), Action::manage_school_life, {}));
  const auto office = decide(actor(Role::secretary), Action::manage_school, {});
  CHECK_FALSE(office);
  CHECK(office.reason.find("Only the director") != std::string::npos);
  for (Role r : {Role::student, Role::guardian, Role::teacher, Role::admin, Role::kiosk}) {
    CAPTURE(to_string(r));
    // A guardian's own child or a class teacher's own class as the target changes nothing.
    CHECK_FALSE(decide(actor(r), Action::manage_school, {77, 10, 0}));
    const auto life = decide(actor(r), Action::manage_school_life, {77, 10, 0});
    CHECK_FALSE(life);
    CHECK(life.reason.find("events and clubs") != std::string::npos);
  }
  CHECK(std::string(to_string(Action::manage_school)) == "manage_school");
  CHECK(std::string(to_string(Action::manage_school_life)) == "manage_school_life");
}
