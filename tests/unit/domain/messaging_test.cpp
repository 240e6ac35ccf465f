// Tests of messaging: the full role × role × linked/unlinked matrix, announcements, and the text limits.
#include <catch2/catch.hpp>

#include <cctype>
#include <iterator>
#include <set>
#include <string>

#include "domain/messaging.hpp"

using namespace classbook::domain;

namespace {

// Class 10 links every "own" pair below; class 20 belongs to nobody here.
constexpr long long own_class = 10;
constexpr long long other_class = 20;

const Role all_roles[] = {Role::student, Role::guardian, Role::teacher, Role::secretary,
                          Role::director, Role::admin,    Role::kiosk};

Actor actor_for(Role role) {
  Actor a;
  a.user_id = 1;
  a.role = role;
  a.person_id = 500;
  if (role == Role::guardian) a.children = {101};
  if (role == Role::teacher) a.teaches = {{own_class, 1}};
  return a;
}

// The sender's classes the Actor does not hold: a guardian's children's, a pupil's own.
std::vector<long long> sender_classes(Role role) {
  if (role == Role::guardian || role == Role::student) return {own_class};
  return {};
}

Correspondent to(Role role, bool linked) {
  return Correspondent{role, {linked ? own_class : other_class}};
}

using Roles = std::set<Role>;

// The rules as the school states them, written out apart from the implementation.
struct Expected {
  Roles linked;
  Roles unlinked;
};

Expected expected_for(Role from) {
  const Roles staff{Role::teacher, Role::secretary, Role::director};
  const Roles office_reach{Role::student, Role::guardian, Role::teacher, Role::secretary, Role::director};
  switch (from) {
    case Role::student: return {{Role::teacher}, {}};
    case Role::guardian:
      return {{Role::teacher, Role::secretary, Role::director}, {Role::secretary, Role::director}};
    case Role::teacher:
      return {{Role::student, Role::guardian, Role::teacher, Role::secretary, Role::director}, staff};
    case Role::secretary: return {office_reach, office_reach};
    case Role::director: {
      Roles d = office_reach;
      d.insert(Role::admin);
      return {d, d};
    }
    case Role::admin: return {{Role::director}, {Role::director}};
    case Role::kiosk:
    case Role::api_client: return {};
  }
  return {};
}

bool is_human_sentence(const std::string& s) {
  return s.size() > 20 && std::isupper(static_cast<unsigned char>(s.front())) && s.back() == '.' &&
         s.find('_') == std::string::npos;
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string s;
  for (std::size_t i = 0; i < times; ++i) s += piece;
  return s;
}

}  // namespace

TEST_CASE("thread matrix: every sender role × every recipient role × linked or not") {
  const Role from = GENERATE(Catch::Generators::from_range(std::begin(all_roles), std::end(all_roles)));
  const Role to_role = GENERATE(Catch::Generators::from_range(std::begin(all_roles), std::end(all_roles)));
  const bool linked = GENERATE(true, false);
  CAPTURE(to_string(from), to_string(to_role), linked);

  const Expected e = expected_for(from);
  const bool should_allow = (linked ? e.linked : e.unlinked).count(to_role) == 1;
  const Decision d = may_start_thread(actor_for(from), to(to_role, linked), sender_classes(from));
  CHECK(d.allowed == should_allow);
  CHECK(static_cast<bool>(d) == should_allow);
  if (should_allow) {
    CHECK(d.reason.empty());
  } else {
    CAPTURE(d.reason);
    CHECK(is_human_sentence(d.reason));
  }
}

TEST_CASE("thread matrix size") {
  std::size_t linked = 0;
  std::size_t unlinked = 0;
  for (Role f : all_roles) {
    for (Role t : all_roles) {
      linked += may_start_thread(actor_for(f), to(t, true), sender_classes(f)).allowed;
      unlinked += may_start_thread(actor_for(f), to(t, false), sender_classes(f)).allowed;
    }
  }
  // student 1, guardian 3, teacher 5, secretary 5, director 6, admin 1, kiosk 0
  CHECK(linked == 21);
  // student 0, guardian 2, teacher 3, secretary 5, director 6, admin 1, kiosk 0
  CHECK(unlinked == 17);
}

TEST_CASE("a teacher's classes come from the Actor: taught or led") {
  Actor homeroom_only = actor_for(Role::teacher);
  homeroom_only.teaches.clear();
  homeroom_only.homeroom_classes = {own_class};
  CHECK(may_start_thread(homeroom_only, to(Role::guardian, true), {}));
  CHECK(may_start_thread(homeroom_only, to(Role::student, true), {}));
  CHECK_FALSE(may_start_thread(homeroom_only, to(Role::guardian, false), {}));

  Actor teaches_nothing = actor_for(Role::teacher);
  teaches_nothing.teaches.clear();
  // classes passed for the sender are not a teacher's: only the Actor says what a teacher teaches
  CHECK_FALSE(may_start_thread(teaches_nothing, to(Role::guardian, true), {own_class}));
  CHECK(may_start_thread(teaches_nothing, to(Role::director, false), {}).allowed);
}

TEST_CASE("guardians with several children reach the teachers of any of their classes") {
  const Actor g = actor_for(Role::guardian);
  CHECK(may_start_thread(g, Correspondent{Role::teacher, {30, 40}}, {10, 30}));
  CHECK_FALSE(may_start_thread(g, Correspondent{Role::teacher, {40, 50}}, {10, 30}));
  CHECK_FALSE(may_start_thread(g, Correspondent{Role::teacher, {}}, {10, 30}));
  CHECK_FALSE(may_start_thread(g, Correspondent{Role::teacher, {10}}, {}));
  CHECK(may_start_thread(g, Correspondent{Role::secretary, {}}, {}));
}

TEST_CASE("unresolved class ids link nobody") {
  CHECK_FALSE(may_start_thread(actor_for(Role::guardian), Correspondent{Role::teacher, {0}}, {0}));
  CHECK_FALSE(may_start_thread(actor_for(Role::student), Correspondent{Role::teacher, {0}}, {0}));
  Actor t = actor_for(Role::teacher);
  t.teaches = {{0, 1}};
  t.homeroom_classes = {0};
  CHECK_FALSE(may_start_thread(t, Correspondent{Role::guardian, {0}}, {}));
}

TEST_CASE("thread deny reasons say what is possible") {
  CHECK(may_start_thread(actor_for(Role::kiosk), to(Role::director, true), {}).reason ==
        "A kiosk cannot send messages.");
  CHECK(may_start_thread(actor_for(Role::director), to(Role::kiosk, true), {}).reason ==
        "Kiosks do not receive messages.");
  CHECK(may_start_thread(actor_for(Role::admin), to(Role::secretary, true), {}).reason ==
        "The administrator writes only to the director.");
  CHECK(may_start_thread(actor_for(Role::secretary), to(Role::admin, true), {}).reason ==
        "Only the director writes to the administrator; report problems with the system through an appeal.");
  CHECK(may_start_thread(actor_for(Role::teacher), to(Role::guardian, false), {}).reason ==
        "Teachers write only to pupils and guardians of the classes they teach or lead.");
  CHECK(may_start_thread(actor_for(Role::guardian), to(Role::guardian, true), {own_class}).reason ==
        "Guardians write only to the teachers of their children's classes, the secretary and the director.");
  CHECK(may_start_thread(actor_for(Role::student), to(Role::secretary, true), {own_class}).reason ==
        "Pupils write only to the teachers of their own class.");
}

TEST_CASE("announcements: the office anywhere, teachers to their classes, nobody else") {
  for (Role r : {Role::secretary, Role::director}) {
    INFO(to_string(r));
    CHECK(may_announce(actor_for(r), std::nullopt));
    CHECK(may_announce(actor_for(r), own_class));
    CHECK(may_announce(actor_for(r), other_class));
  }

  Actor t = actor_for(Role::teacher);  // teaches class 10
  t.homeroom_classes = {11};
  CHECK(may_announce(t, 10));
  CHECK(may_announce(t, 11));
  CHECK(may_announce(t, 20).reason == "Teachers announce only to the classes they teach or lead.");
  CHECK(may_announce(t, std::nullopt).reason ==
        "Only the director and the secretary announce to the whole school.");

  for (Role r : {Role::student, Role::guardian, Role::admin, Role::kiosk}) {
    INFO(to_string(r));
    CHECK(may_announce(actor_for(r), std::nullopt).reason ==
          "Only teachers, the secretary and the director make announcements.");
    CHECK_FALSE(may_announce(actor_for(r), own_class));
  }
}

TEST_CASE("an announcement to class 0 is refused, never taken for the whole school") {
  const std::string why = "The announcement names no class; choose the class again.";
  CHECK(may_announce(actor_for(Role::director), 0).reason == why);
  CHECK(may_announce(actor_for(Role::secretary), -1).reason == why);
  Actor t = actor_for(Role::teacher);
  t.teaches = {{0, 1}};
  CHECK(may_announce(t, 0).reason == why);
}

TEST_CASE("message body: not blank, valid, at most 5000 characters") {
  CHECK(max_message_chars == 5000);
  CHECK_FALSE(check_message_body("Здравствуйте!"));
  CHECK_FALSE(check_message_body("a"));
  CHECK_FALSE(check_message_body(repeated("a", 5000)));
  CHECK(check_message_body(repeated("a", 5001)) ==
        std::string("The message has 5001 characters; shorten it to at most 5000 or send the rest in a second "
                    "message."));
  CHECK_FALSE(check_message_body(repeated("я", 5000)));  // 10000 bytes, 5000 characters
  CHECK(check_message_body(repeated("я", 5001)));
  CHECK(check_message_body("") == std::string("The message is empty; write something before sending."));
  CHECK(check_message_body(" \n\t ") == std::string("The message is empty; write something before sending."));
  CHECK(check_message_body("\xFF") == std::string("The message is not valid text; paste it again or retype it."));
}

TEST_CASE("message subject: one line of at most 200 characters") {
  CHECK(max_subject_chars == 200);
  CHECK_FALSE(check_message_subject("Контрольная в пятницу"));
  CHECK_FALSE(check_message_subject(repeated("ж", 200)));
  CHECK(check_message_subject(repeated("ж", 201)) ==
        std::string("The subject has 201 characters; shorten it to at most 200."));
  CHECK(check_message_subject("   ") ==
        std::string("The subject is empty; say in a few words what the message is about."));
  CHECK(check_message_subject("first\nsecond") ==
        std::string("The subject must fit on one line; remove the line breaks."));
  CHECK(check_message_subject("first\r") ==
        std::string("The subject must fit on one line; remove the line breaks."));
  CHECK(check_message_subject("\xC0\x80") ==
        std::string("The subject is not valid text; paste it again or retype it."));
}
