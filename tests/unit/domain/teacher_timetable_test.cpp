// Tests of a teacher's day: own lessons, lessons taken over by a substitute, lessons given as one,
// cancellations, room changes and moves, and only what the bells ring.
#include <catch2/catch.hpp>

#include "domain/teacher_timetable.hpp"
#include "timetable_changes.hpp"

using namespace classbook::domain;
using classbook::test::change;
using classbook::test::substitution;
using namespace std::chrono;

namespace {

const Date tuesday = Date{year{2026}, month{11}, day{24}};
const Date wednesday = Date{year{2026}, month{11}, day{25}};
constexpr long long me = 100, other = 101, third = 102;

// Tuesdays: class 10 has me at lessons 1 and 3 (room 201), other at 2; class 11 has other at 1 and
// third at 4; class 12's group 2 has me at 2 (room 205). Wednesdays: me in class 10 at lesson 1.
std::vector<TimetableSlot> week() {
  return {{10, 2, 1, 0, 1, me, 201},   {10, 2, 2, 0, 2, other, std::nullopt}, {10, 2, 3, 0, 1, me, 201},
          {11, 2, 1, 0, 3, other, 202}, {11, 2, 4, 0, 4, third, 203},         {12, 2, 2, 2, 5, me, 205},
          {10, 3, 1, 0, 1, me, 201}};
}

BellSchedule bells() { return default_bell_schedule(); }

std::vector<std::pair<long long, int>> where(const std::vector<TeacherLesson>& lessons) {
  std::vector<std::pair<long long, int>> out;
  for (const auto& l : lessons) out.emplace_back(l.lesson.class_id, l.lesson.period);
  return out;
}

}  // namespace

TEST_CASE("a day without changes is the teacher's own template lessons, by period") {
  const auto b = bells();
  const auto day = teacher_lessons_on(tuesday, &b, week(), {}, me);
  CHECK(where(day) == std::vector<std::pair<long long, int>>{{10, 1}, {12, 2}, {10, 3}});
  for (const auto& l : day) {
    CHECK(l.part == TeacherPart::own);
    CHECK(l.changes.empty());
    CHECK_FALSE(l.room_changed());
    CHECK_FALSE(l.moved());
    CHECK_FALSE(l.lesson.cancelled);
  }
  CHECK(day[1].lesson.group_no == 2);
  CHECK(day[1].lesson.room_id == 205);
  CHECK(teacher_lessons_on(wednesday, &b, week(), {}, me).size() == 1);
}

TEST_CASE("standing in for another teacher adds that lesson, marked, with the usual teacher kept") {
  const auto b = bells();
  auto sub = substitution(tuesday, 11, 4, me);
  sub.room_id = 209;
  sub.note = "курсы";
  const std::vector<TimetableChange> changes{change(tuesday, 10, 2, ChangeKind::cancelled), sub};
  const auto day = teacher_lessons_on(tuesday, &b, week(), changes, me);
  REQUIRE(where(day) == std::vector<std::pair<long long, int>>{{10, 1}, {12, 2}, {10, 3}, {11, 4}});
  const auto& s = day[3];
  CHECK(s.part == TeacherPart::substitute);
  CHECK(s.usual.teacher_id == third);
  CHECK(s.lesson.teacher_id == me);
  CHECK(s.lesson.subject_id == 4);  // the substitution named no subject: the lesson's own
  CHECK(s.room_changed());
  CHECK(s.lesson.room_id == 209);
  CHECK(s.lesson.note == "курсы");
  CHECK(s.changes == std::vector<std::size_t>{1});
  // The other teacher's lesson: the substitute's own day knows nothing of it.
  CHECK(teacher_lessons_on(tuesday, &b, week(), changes, third).at(0).part == TeacherPart::taken_over);
}

TEST_CASE("an own lesson another teacher takes stays in the day, marked as taken over") {
  const auto b = bells();
  const std::vector<TimetableChange> changes{substitution(tuesday, 10, 3, other)};
  const auto day = teacher_lessons_on(tuesday, &b, week(), changes, me);
  REQUIRE(day.size() == 3);
  CHECK(day[2].part == TeacherPart::taken_over);
  CHECK(day[2].lesson.teacher_id == other);
  CHECK(day[2].usual.teacher_id == me);
  CHECK(day[2].changes == std::vector<std::size_t>{0});
  CHECK(day[0].part == TeacherPart::own);
}

TEST_CASE("cancellations, room changes and moves mark the own lessons they change") {
  const auto b = bells();
  auto room = change(tuesday, 10, 1, ChangeKind::room);
  room.room_id = 210;
  auto moved = change(tuesday, 10, 3, ChangeKind::moved);
  moved.new_period = 5;
  auto group1 = change(tuesday, 12, 2, ChangeKind::cancelled);
  group1.group_no = 1;  // the other group's lesson: not the teacher's
  const std::vector<TimetableChange> changes{room, change(tuesday, 12, 2, ChangeKind::cancelled), moved, group1,
                                             change(wednesday, 10, 1, ChangeKind::cancelled)};
  const auto day = teacher_lessons_on(tuesday, &b, week(), changes, me);
  REQUIRE(where(day) == std::vector<std::pair<long long, int>>{{10, 1}, {12, 2}, {10, 5}});
  CHECK(day[0].room_changed());
  CHECK(day[0].lesson.room_id == 210);
  CHECK(day[0].changes == std::vector<std::size_t>{0});
  CHECK(day[1].lesson.cancelled);
  CHECK(day[1].changes == std::vector<std::size_t>{1});  // the group-0 change; group 1's is not this lesson's
  CHECK(day[2].moved());
  CHECK(day[2].usual.period == 3);
  CHECK(day[2].changes == std::vector<std::size_t>{2});
  const auto wed = teacher_lessons_on(wednesday, &b, week(), changes, me);
  REQUIRE(wed.size() == 1);
  CHECK(wed[0].lesson.cancelled);
  CHECK(wed[0].changes == std::vector<std::size_t>{4});
}

TEST_CASE("only the lessons the bells ring for, and none on a day without bells") {
  BellSchedule two = bells();
  two.periods.resize(2);
  const auto day = teacher_lessons_on(tuesday, &two, week(), {}, me);
  CHECK(where(day) == std::vector<std::pair<long long, int>>{{10, 1}, {12, 2}});
  CHECK(teacher_lessons_on(tuesday, nullptr, week(), {}, me).empty());
  CHECK(teacher_lessons_on(tuesday, &two, week(), {}, 999).empty());
}

TEST_CASE("a change that fails check_change touches nothing") {
  const auto b = bells();
  auto broken = change(tuesday, 10, 1, ChangeKind::substitution);  // no teacher
  const auto day = teacher_lessons_on(tuesday, &b, week(), {broken}, me);
  REQUIRE_FALSE(day.empty());
  CHECK(day[0].part == TeacherPart::own);
  CHECK(day[0].changes.empty());
}
