// Tests of the access applications' rights: the secretary registers and decides them; the director
// reads their register and decisions and changes nothing; nobody else sees them.
#include <catch2/catch.hpp>
#include <string>

#include "domain/policy.hpp"

using namespace classbook::domain;

namespace {

Actor actor(Role role) {
  Actor a;
  a.user_id = 1;
  a.role = role;
  a.person_id = 500;
  if (role == Role::teacher) a.homeroom_classes = {10};  // a class teacher is no office
  if (role == Role::guardian) a.children = {77};
  return a;
}

}  // namespace

TEST_CASE("the secretary handles access applications, the director reads them, nobody else either") {
  CHECK(decide(actor(Role::secretary), Action::handle_access_applications, {}));
  CHECK(decide(actor(Role::secretary), Action::read_access_applications, {}));
  CHECK(decide(actor(Role::director), Action::read_access_applications, {}));
  const auto director_writes = decide(actor(Role::director), Action::handle_access_applications, {});
  CHECK_FALSE(director_writes);
  CHECK(director_writes.reason.find("secretary") != std::string::npos);
  for (Role r : {Role::student, Role::guardian, Role::teacher, Role::admin, Role::kiosk}) {
    CAPTURE(to_string(r));
    for (Action a : {Action::handle_access_applications, Action::read_access_applications}) {
      CAPTURE(to_string(a));
      // A guardian's own child as the target changes nothing: the applications are the office's papers.
      const auto d = decide(actor(r), a, {77, 10, 0});
      CHECK_FALSE(d);
      CHECK(d.reason.find("applications for access") != std::string::npos);
    }
  }
  CHECK(std::string(to_string(Action::handle_access_applications)) == "handle_access_applications");
  CHECK(std::string(to_string(Action::read_access_applications)) == "read_access_applications");
}

TEST_CASE("only the administrator manages accounts, sees the box's figures and makes backups") {
  CHECK(decide(actor(Role::admin), Action::manage_accounts, {}));
  CHECK(decide(actor(Role::admin), Action::operate_box, {}));
  for (Role r : {Role::student, Role::guardian, Role::teacher, Role::secretary, Role::director, Role::kiosk}) {
    INFO(to_string(r));
    const auto d = decide(actor(r), Action::manage_accounts, {});
    CHECK_FALSE(d);
    CHECK(d.reason == "Only the administrator finds, disables and signs out accounts.");
    CHECK_FALSE(decide(actor(r), Action::operate_box, {}));
  }
  CHECK(std::string(to_string(Action::manage_accounts)) == "manage_accounts");
}
