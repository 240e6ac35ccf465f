// Tests of the policy's kiosk actions: every role × the five new actions × own and other's pupil.
#include <catch2/catch.hpp>

#include <set>

#include "domain/policy.hpp"

using namespace classbook::domain;

namespace {

constexpr long long own_pupil = 101, own_class = 10, other_pupil = 202, other_class = 20;
const Target own{own_pupil, own_class, 0, 0};
const Target other{other_pupil, other_class, 0, 0};

Actor actor(Role role, bool hall = false) {
  Actor a;
  a.user_id = 1;
  a.role = role;
  a.person_id = role == Role::student ? own_pupil : 500;
  if (role == Role::guardian) a.children = {own_pupil};
  if (role == Role::teacher) {
    a.teaches = {{own_class, 1}};
    a.homeroom_classes = {own_class};
  }
  a.hall_kiosk = hall;
  return a;
}

const Action kiosk_actions[] = {Action::manage_kiosks, Action::read_kiosks, Action::read_security_log,
                                Action::set_kiosk_pin, Action::open_diary_at_kiosk};

}  // namespace

TEST_CASE("kiosk actions: who may, on own and other's pupil") {
  struct Row {
    Role role;
    bool hall;
    std::set<Action> on_own, on_other;
  };
  const std::vector<Row> rows = {
      {Role::student, false, {Action::set_kiosk_pin}, {}},
      {Role::guardian, false, {Action::set_kiosk_pin}, {}},
      {Role::teacher, false, {}, {}},
      {Role::secretary, false, {Action::read_security_log}, {Action::read_security_log}},
      {Role::director, false, {Action::read_kiosks, Action::read_security_log}, {Action::read_kiosks, Action::read_security_log}},
      {Role::admin, false, {Action::manage_kiosks, Action::read_kiosks, Action::read_security_log},
       {Action::manage_kiosks, Action::read_kiosks, Action::read_security_log}},
      {Role::kiosk, false, {}, {}},
      {Role::kiosk, true, {Action::open_diary_at_kiosk}, {Action::open_diary_at_kiosk}},
  };
  for (const auto& row : rows)
    for (Action a : kiosk_actions)
      for (bool is_own : {true, false}) {
        CAPTURE(to_string(row.role), row.hall, to_string(a), is_own);
        const bool expected = (is_own ? row.on_own : row.on_other).count(a) == 1;
        const auto d = decide(actor(row.role, row.hall), a, is_own ? own : other);
        CHECK(d.allowed == expected);
        if (!d.allowed) CHECK(d.reason.size() > 10);
      }
}

TEST_CASE("a hall kiosk still records taps, an entrance kiosk is told where diaries are shown") {
  CHECK(decide(actor(Role::kiosk, true), Action::record_tap, {}));
  CHECK(decide(actor(Role::kiosk, false), Action::record_tap, {}));
  const auto d = decide(actor(Role::kiosk, false), Action::open_diary_at_kiosk, own);
  CHECK(d.reason.find("hall kiosks") != std::string::npos);
  CHECK_FALSE(decide(actor(Role::kiosk, true), Action::read_student, own));
  CHECK_FALSE(decide(actor(Role::admin), Action::read_student, own));  // the log, not the marks
}

TEST_CASE("the new actions have their own names") {
  std::set<std::string> names;
  for (Action a : kiosk_actions) names.insert(to_string(a));
  CHECK(names.size() == std::size(kiosk_actions));
  CHECK(names.count("unknown") == 0);
}
