// Tests of the weekly behaviour note: its length in characters, blank and broken text, and who writes it.
#include <catch2/catch.hpp>

#include <string>

#include "domain/behaviour.hpp"

using namespace classbook::domain;

namespace {

std::string repeated(std::string_view piece, std::size_t times) {
  std::string s;
  for (std::size_t i = 0; i < times; ++i) s += piece;
  return s;
}

Actor teacher(std::vector<Teaching> teaches, std::vector<long long> homeroom) {
  Actor a;
  a.user_id = 2;
  a.role = Role::teacher;
  a.person_id = 600;
  a.teaches = std::move(teaches);
  a.homeroom_classes = std::move(homeroom);
  return a;
}

}  // namespace

TEST_CASE("a note is 1 to 1000 characters") {
  CHECK(max_behaviour_note_chars == 1000);
  CHECK_FALSE(check_behaviour_note("a"));
  CHECK_FALSE(check_behaviour_note("Активно работал на уроках, помогал одноклассникам."));
  CHECK_FALSE(check_behaviour_note(repeated("a", 999)));
  CHECK_FALSE(check_behaviour_note(repeated("a", 1000)));
  CHECK(check_behaviour_note(repeated("a", 1001)) ==
        std::string("The note has 1001 characters; shorten it to at most 1000."));
}

TEST_CASE("the note's length is counted in characters, not bytes") {
  CHECK_FALSE(check_behaviour_note(repeated("ё", 1000)));  // 2000 bytes
  CHECK(check_behaviour_note(repeated("ё", 1001)) ==
        std::string("The note has 1001 characters; shorten it to at most 1000."));
  CHECK_FALSE(check_behaviour_note(repeated("a", 999) + "\xF0\x9F\x98\x80"));  // 1000 with a four-byte emoji
  CHECK(check_behaviour_note(repeated("a", 1000) + "\xF0\x9F\x98\x80"));
  // white space counts: the parent reads it
  CHECK(check_behaviour_note(" " + repeated("a", 1000)));
}

TEST_CASE("an empty or blank note is refused") {
  const std::string empty = "The note is empty; write a few words about the pupil's week.";
  CHECK(check_behaviour_note("") == empty);
  CHECK(check_behaviour_note(" ") == empty);
  CHECK(check_behaviour_note("\n\t\r\n") == empty);
  CHECK(check_behaviour_note("\xC2\xA0\xC2\xA0") == empty);  // no-break spaces
  CHECK(check_behaviour_note(repeated(" ", 2000)) == empty);  // blank says more than "too long"
  CHECK_FALSE(check_behaviour_note(" . "));
}

TEST_CASE("broken text is refused before it is counted") {
  const std::string broken = "The note is not valid text; paste it again or retype it.";
  CHECK(check_behaviour_note("\xFF") == broken);
  CHECK(check_behaviour_note("Хорошо" "\xD0") == broken);  // cut in the middle of a letter
  CHECK(check_behaviour_note("\xED\xA0\x80") == broken);   // a lone surrogate
  CHECK(check_behaviour_note(repeated("a", 2000) + "\x80") == broken);
}

TEST_CASE("only the class teacher of the pupil's class writes the note") {
  const std::string why = "Only the class teacher of the pupil's class writes the weekly behaviour note.";
  const Actor class_teacher = teacher({{20, 1}}, {10});
  CHECK(may_write_behaviour_note(class_teacher, 10));
  CHECK(may_write_behaviour_note(class_teacher, 20).reason == why);  // teaches there, does not lead it
  CHECK(may_write_behaviour_note(class_teacher, 11).reason == why);
  CHECK(may_write_behaviour_note(teacher({}, {10, 11}), 11));
  CHECK_FALSE(may_write_behaviour_note(teacher({{10, 1}}, {}), 10));

  for (Role r : {Role::student, Role::guardian, Role::secretary, Role::director, Role::admin, Role::kiosk}) {
    Actor a = class_teacher;  // even with the class in the list, only a teacher's account counts
    a.role = r;
    INFO(to_string(r));
    CHECK(may_write_behaviour_note(a, 10).reason == why);
  }
}

TEST_CASE("an unresolved class is nobody's") {
  CHECK_FALSE(may_write_behaviour_note(teacher({}, {0}), 0));
  CHECK_FALSE(may_write_behaviour_note(teacher({}, {-1}), -1));
}
