// Tests of the timetable: a day's lessons with changes applied, template conflicts, and change validation.
#include <catch2/catch.hpp>

#include "domain/timetable.hpp"
#include "timetable_changes.hpp"

using namespace classbook::domain;
using classbook::test::change;
using classbook::test::substitution;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

const Date monday = ymd(2026, 11, 23);
const Date tuesday = ymd(2026, 11, 24);
const Date sunday = ymd(2026, 11, 29);
const Date next_monday = ymd(2026, 11, 30);

// Class 10 (5А) and class 11 (5Б). Subjects: 1 maths, 2 English, 3 music, 4 history.
// English is taught in two groups of class 10 at lesson 2.
std::vector<TimetableSlot> week_template() {
  return {
      {10, 1, 3, 0, 3, 103, std::nullopt},  // listed out of order on purpose
      {10, 1, 1, 0, 1, 100, 201},
      {10, 1, 2, 2, 2, 102, 203},
      {10, 1, 2, 1, 2, 101, 202},
      {11, 1, 1, 0, 1, 104, 204},
      {10, 2, 1, 0, 4, 100, 201},
  };
}

const PlannedLesson* find(const std::vector<PlannedLesson>& lessons, long long class_id, int period,
                          int group_no = 0) {
  for (const PlannedLesson& l : lessons) {
    if (l.class_id == class_id && l.period == period && l.group_no == group_no) return &l;
  }
  return nullptr;
}

TimetableSlot slot(long long class_id, int weekday, int period, int group_no, long long subject,
                   long long teacher, std::optional<long long> room) {
  return TimetableSlot{class_id, weekday, period, group_no, subject, teacher, room};
}

}  // namespace

TEST_CASE("change kinds round-trip through their names") {
  const ChangeKind kinds[] = {ChangeKind::substitution, ChangeKind::cancelled, ChangeKind::room,
                              ChangeKind::moved};
  const char* names[] = {"substitution", "cancelled", "room", "moved"};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(std::string(to_string(kinds[i])) == names[i]);
    CHECK(parse_change_kind(names[i]) == kinds[i]);
  }
  for (const char* bad : {"", "Room", "cancel", "moved "}) {
    INFO(bad);
    CHECK_FALSE(parse_change_kind(bad));
  }
}

TEST_CASE("a day without changes is the template for its weekday, sorted") {
  const auto lessons = lessons_on(monday, week_template(), {});
  REQUIRE(lessons.size() == 5);
  // by period, then class, then group
  CHECK((lessons[0].period == 1 && lessons[0].class_id == 10));
  CHECK((lessons[1].period == 1 && lessons[1].class_id == 11));
  CHECK((lessons[2].period == 2 && lessons[2].group_no == 1 && lessons[2].teacher_id == 101));
  CHECK((lessons[3].period == 2 && lessons[3].group_no == 2 && lessons[3].teacher_id == 102));
  CHECK((lessons[4].period == 3 && lessons[4].subject_id == 3));
  for (const PlannedLesson& l : lessons) {
    CHECK(l.date == monday);
    CHECK_FALSE(l.cancelled);
    CHECK_FALSE(l.substituted);
    CHECK_FALSE(l.moved);
    CHECK(l.note.empty());
  }
  CHECK(lessons[0].room_id == 201);
  CHECK(lessons[0].subject_id == 1);
  CHECK(lessons[0].teacher_id == 100);
  CHECK_FALSE(lessons[4].room_id);

  const auto tue = lessons_on(tuesday, week_template(), {});
  REQUIRE(tue.size() == 1);
  CHECK(tue[0].subject_id == 4);
  CHECK(tue[0].date == tuesday);
  CHECK(lessons_on(sunday, week_template(), {}).empty());
  CHECK(lessons_on(monday, {}, {}).empty());
}

TEST_CASE("a substitution replaces the teacher, and the subject and room when given") {
  auto sub = substitution(monday, 10, 1, 105);
  sub.note = "учитель на курсах";
  SECTION("teacher only") {
    const auto lessons = lessons_on(monday, week_template(), {sub});
    const PlannedLesson* l = find(lessons, 10, 1);
    REQUIRE(l);
    CHECK(l->teacher_id == 105);
    CHECK(l->subject_id == 1);
    CHECK(l->room_id == 201);
    CHECK(l->substituted);
    CHECK_FALSE(l->cancelled);
    CHECK_FALSE(l->moved);
    CHECK(l->note == "учитель на курсах");
    // nothing else changed
    CHECK(find(lessons, 11, 1)->teacher_id == 104);
    CHECK_FALSE(find(lessons, 11, 1)->substituted);
  }
  SECTION("with the substitute's subject and room") {
    sub.subject_id = 4;
    sub.room_id = 305;
    const auto lessons = lessons_on(monday, week_template(), {sub});
    const PlannedLesson* l = find(lessons, 10, 1);
    REQUIRE(l);
    CHECK(l->teacher_id == 105);
    CHECK(l->subject_id == 4);
    CHECK(l->room_id == 305);
  }
}

TEST_CASE("changes apply only on their date, to their class and period") {
  const std::vector<TimetableChange> changes{
      substitution(next_monday, 10, 1, 105),  // a week later
      substitution(monday, 11, 2, 105),       // class 11 has no lesson 2
      substitution(monday, 12, 1, 105),       // another class
      substitution(monday, 10, 4, 105),       // no lesson 4
  };
  const auto lessons = lessons_on(monday, week_template(), changes);
  REQUIRE(lessons.size() == 5);  // nothing added
  for (const PlannedLesson& l : lessons) CHECK_FALSE(l.substituted);
  CHECK(find(lessons_on(next_monday, week_template(), changes), 10, 1)->teacher_id == 105);
}

TEST_CASE("a cancelled lesson stays in the day, marked") {
  auto c = change(monday, 10, 3, ChangeKind::cancelled);
  c.note = "концерт";
  const auto lessons = lessons_on(monday, week_template(), {c});
  REQUIRE(lessons.size() == 5);
  const PlannedLesson* l = find(lessons, 10, 3);
  REQUIRE(l);
  CHECK(l->cancelled);
  CHECK(l->note == "концерт");
  CHECK(l->teacher_id == 103);
  CHECK_FALSE(find(lessons, 10, 1)->cancelled);
}

TEST_CASE("a room change sets the room, also where there was none") {
  auto r = change(monday, 10, 3, ChangeKind::room);
  r.room_id = 310;
  auto r11 = change(monday, 11, 1, ChangeKind::room);
  r11.room_id = 300;
  const auto lessons = lessons_on(monday, week_template(), {r, r11});
  CHECK(find(lessons, 10, 3)->room_id == 310);
  CHECK(find(lessons, 11, 1)->room_id == 300);
  CHECK(find(lessons, 10, 1)->room_id == 201);
  CHECK_FALSE(find(lessons, 10, 3)->substituted);
}

TEST_CASE("a moved lesson takes its new period and sorts there") {
  auto m = change(monday, 10, 1, ChangeKind::moved);
  m.new_period = 6;
  const auto lessons = lessons_on(monday, week_template(), {m});
  REQUIRE(lessons.size() == 5);
  CHECK(find(lessons, 10, 1) == nullptr);
  const PlannedLesson& last = lessons.back();
  CHECK(last.period == 6);
  CHECK(last.moved);
  CHECK(last.subject_id == 1);
  CHECK(last.room_id == 201);

  SECTION("further changes still name it by its template period") {
    auto r = change(monday, 10, 1, ChangeKind::room);
    r.room_id = 310;
    auto r_new = change(monday, 10, 6, ChangeKind::room);  // names no template lesson
    r_new.room_id = 999;
    const auto with_room = lessons_on(monday, week_template(), {m, r, r_new});
    const PlannedLesson* l = find(with_room, 10, 6);
    REQUIRE(l);
    CHECK(l->room_id == 310);
  }
  SECTION("a move may take a room with it") {
    m.room_id = 111;
    CHECK(find(lessons_on(monday, week_template(), {m}), 10, 6)->room_id == 111);
  }
  SECTION("moving earlier") {
    auto up = change(monday, 10, 3, ChangeKind::moved);
    up.new_period = 1;
    const auto l = lessons_on(monday, week_template(), {up});
    // now two lessons of class 10 at period 1, the moved one sorted by the stable order of the template
    CHECK(l[0].period == 1);
    CHECK(l[1].period == 1);
    CHECK(l[2].class_id == 11);
  }
}

TEST_CASE("group lessons: a change for one group leaves the other, group 0 changes both") {
  auto one = substitution(monday, 10, 2, 106);
  one.group_no = 1;
  auto lessons = lessons_on(monday, week_template(), {one});
  CHECK(find(lessons, 10, 2, 1)->teacher_id == 106);
  CHECK(find(lessons, 10, 2, 2)->teacher_id == 102);

  auto both = change(monday, 10, 2, ChangeKind::cancelled);
  lessons = lessons_on(monday, week_template(), {both});
  CHECK(find(lessons, 10, 2, 1)->cancelled);
  CHECK(find(lessons, 10, 2, 2)->cancelled);

  auto group3 = change(monday, 10, 2, ChangeKind::cancelled);
  group3.group_no = 3;  // no such group
  lessons = lessons_on(monday, week_template(), {group3});
  CHECK_FALSE(find(lessons, 10, 2, 1)->cancelled);
  CHECK_FALSE(find(lessons, 10, 2, 2)->cancelled);

  auto whole_as_group = change(monday, 10, 1, ChangeKind::cancelled);
  whole_as_group.group_no = 1;  // a group change never touches a whole-class lesson
  CHECK_FALSE(find(lessons_on(monday, week_template(), {whole_as_group}), 10, 1)->cancelled);
}

TEST_CASE("several changes to one lesson apply in order and their notes are joined") {
  auto a = substitution(monday, 10, 1, 105);
  a.note = "замена";
  auto b = change(monday, 10, 1, ChangeKind::room);
  b.room_id = 310;
  auto c = change(monday, 10, 1, ChangeKind::room);
  c.room_id = 311;
  c.note = "спортзал закрыт";
  auto d = change(monday, 10, 1, ChangeKind::room);
  d.room_id = 312;
  const PlannedLesson* l = nullptr;
  const auto lessons = lessons_on(monday, week_template(), {a, b, c, d});
  l = find(lessons, 10, 1);
  REQUIRE(l);
  CHECK(l->teacher_id == 105);
  CHECK(l->room_id == 312);  // the last room change wins
  CHECK(l->note == "замена; спортзал закрыт");
  CHECK(l->substituted);
}

TEST_CASE("invalid changes change nothing") {
  auto no_teacher = change(monday, 10, 1, ChangeKind::substitution);
  auto no_room = change(monday, 10, 1, ChangeKind::room);
  auto no_target = change(monday, 10, 1, ChangeKind::moved);
  auto same_period = change(monday, 10, 1, ChangeKind::moved);
  same_period.new_period = 1;
  auto stray = change(monday, 10, 1, ChangeKind::cancelled);
  stray.teacher_id = 105;
  const auto lessons = lessons_on(monday, week_template(), {no_teacher, no_room, no_target, same_period, stray});
  const PlannedLesson* l = find(lessons, 10, 1);
  REQUIRE(l);
  CHECK_FALSE(l->substituted);
  CHECK_FALSE(l->moved);
  CHECK_FALSE(l->cancelled);
  CHECK(l->teacher_id == 100);
  CHECK(l->room_id == 201);
}

TEST_CASE("checking a change: the basics") {
  CHECK_FALSE(check_change(substitution(monday, 10, 1, 105)));
  CHECK(check_change(substitution(Date{year{2026}, month{2}, day{30}}, 10, 1, 105)) ==
        std::string("The change needs a real calendar date; pick it again."));
  CHECK(check_change(substitution(monday, 0, 1, 105)) ==
        std::string("The change names no class; choose the class again."));
  CHECK(check_change(substitution(monday, 10, 0, 105)) ==
        std::string("The change names lesson 0; lessons are numbered from 1."));
  auto neg_group = substitution(monday, 10, 1, 105);
  neg_group.group_no = -1;
  CHECK(check_change(neg_group) ==
        std::string("The change names group -1; use 0 for the whole class or the group's number."));
}

TEST_CASE("checking a change: what each kind needs") {
  auto sub = change(monday, 10, 1, ChangeKind::substitution);
  CHECK(check_change(sub) == std::string("A substitution needs the teacher who takes the lesson; choose one."));
  sub.teacher_id = 0;
  CHECK(check_change(sub) == std::string("A substitution needs the teacher who takes the lesson; choose one."));
  sub.teacher_id = 105;
  sub.subject_id = 0;
  CHECK(check_change(sub) ==
        std::string("The substitution names an unknown subject; choose it again or leave it empty."));
  sub.subject_id = 4;
  sub.room_id = -2;
  CHECK(check_change(sub) == std::string("The change names an unknown room; choose the room again."));

  auto room = change(monday, 10, 1, ChangeKind::room);
  CHECK(check_change(room) == std::string("A room change needs the new room; choose one."));
  room.room_id = 0;
  CHECK(check_change(room) == std::string("The change names an unknown room; choose the room again."));
  room.room_id = 310;
  CHECK_FALSE(check_change(room));

  auto moved = change(monday, 10, 3, ChangeKind::moved);
  CHECK(check_change(moved) == std::string("A moved lesson needs the lesson number it moves to; choose one."));
  moved.new_period = 0;
  CHECK(check_change(moved) ==
        std::string("Lessons are numbered from 1, so a lesson cannot move to lesson 0; choose another number."));
  moved.new_period = 3;
  CHECK(check_change(moved) ==
        std::string("The lesson already is lesson 3; choose another lesson number to move it to."));
  moved.new_period = 1;
  CHECK_FALSE(check_change(moved));
  moved.new_period = 2;
  CHECK_FALSE(check_change(moved));
  moved.new_period = 4;
  CHECK_FALSE(check_change(moved));

  CHECK_FALSE(check_change(change(monday, 10, 1, ChangeKind::cancelled)));
}

TEST_CASE("checking a change: a kind takes no fields it does not use") {
  auto cancel = change(monday, 10, 1, ChangeKind::cancelled);
  cancel.subject_id = 1;
  CHECK(check_change(cancel) == std::string("A cancellation does not set a subject; clear it."));
  cancel.subject_id.reset();
  cancel.teacher_id = 1;
  CHECK(check_change(cancel) == std::string("A cancellation does not set a teacher; clear it."));
  cancel.teacher_id.reset();
  cancel.room_id = 1;
  CHECK(check_change(cancel) == std::string("A cancellation does not set a room; clear it."));
  cancel.room_id.reset();
  cancel.new_period = 2;
  CHECK(check_change(cancel) == std::string("A cancellation does not set a new lesson number; clear it."));

  auto room = change(monday, 10, 1, ChangeKind::room);
  room.room_id = 310;
  room.teacher_id = 105;
  CHECK(check_change(room) == std::string("A room change does not set a teacher; clear it."));

  auto moved = change(monday, 10, 1, ChangeKind::moved);
  moved.new_period = 5;
  moved.subject_id = 2;
  CHECK(check_change(moved) == std::string("A moved lesson does not set a subject; clear it."));

  auto sub = substitution(monday, 10, 1, 105);
  sub.new_period = 5;
  CHECK(check_change(sub) == std::string("A substitution does not set a new lesson number; clear it."));
}

TEST_CASE("a sound template has no problems") {
  CHECK(check_timetable(week_template()).empty());
  CHECK(check_timetable({}).empty());
}

TEST_CASE("a teacher cannot be in two lessons at once") {
  auto slots = week_template();
  slots.push_back(slot(11, 1, 2, 0, 1, 100, 204));  // teacher 100 is free at lesson 2: fine
  slots.push_back(slot(11, 2, 1, 0, 1, 104, 204));  // teacher 104 on Tuesday: fine
  CHECK(check_timetable(slots).empty());

  slots.push_back(slot(12, 1, 1, 0, 1, 100, 205));
  CHECK(check_timetable(slots) ==
        std::vector<std::string>{"Teacher 100 has two lessons on Monday, lesson 1 (class 10 and class 12); move "
                                 "one or give it to another teacher."});
}

TEST_CASE("one teacher for both groups of a class at once is a conflict, two teachers are not") {
  auto slots = week_template();
  slots[3].teacher_id = 102;  // group 1 now has group 2's teacher
  CHECK(check_timetable(slots) ==
        std::vector<std::string>{"Teacher 102 has two lessons on Monday, lesson 2 (class 10 group 1 and class 10 "
                                 "group 2); move one or give it to another teacher."});
}

TEST_CASE("a room cannot be booked twice at once, lessons without a room never clash") {
  auto slots = week_template();
  slots.push_back(slot(11, 1, 3, 0, 4, 104, std::nullopt));  // class 10 has lesson 3 without a room too
  CHECK(check_timetable(slots).empty());
  slots.push_back(slot(12, 1, 1, 0, 1, 107, 201));
  CHECK(check_timetable(slots) ==
        std::vector<std::string>{"Room 201 is booked twice on Monday, lesson 1 (class 10 and class 12); choose "
                                 "another room for one of them."});
}

TEST_CASE("a class cannot be in two places at once") {
  SECTION("two whole-class lessons") {
    auto slots = week_template();
    slots.push_back(slot(10, 1, 3, 0, 4, 108, 301));
    CHECK(check_timetable(slots) ==
          std::vector<std::string>{"Class 10 has two whole-class lessons on Monday, lesson 3 (subjects 3 and 4); "
                                   "remove one or split the class into groups."});
  }
  SECTION("a whole-class and a group lesson") {
    auto slots = week_template();
    slots.push_back(slot(10, 1, 1, 1, 2, 101, 202));
    CHECK(check_timetable(slots) ==
          std::vector<std::string>{"Class 10 has a whole-class lesson and a lesson of group 1 on Monday, "
                                   "lesson 1; the class cannot be at both, so move one of them."});
  }
  SECTION("one group twice") {
    auto slots = week_template();
    slots.push_back(slot(10, 1, 2, 1, 5, 109, 206));
    CHECK(check_timetable(slots) ==
          std::vector<std::string>{"Group 1 of class 10 has two lessons on Monday, lesson 2 (subjects 2 and 5); "
                                   "remove one."});
  }
  SECTION("the same lesson a period later or a day later is no conflict") {
    auto slots = week_template();
    slots.push_back(slot(10, 1, 4, 0, 3, 103, std::nullopt));
    slots.push_back(slot(10, 2, 3, 0, 3, 103, std::nullopt));
    CHECK(check_timetable(slots).empty());
  }
}

TEST_CASE("one pair can break several rules, and each is said") {
  std::vector<TimetableSlot> slots{slot(10, 1, 1, 0, 1, 100, 201), slot(10, 1, 1, 0, 2, 100, 201)};
  CHECK(check_timetable(slots) ==
        std::vector<std::string>{
            "Class 10 has two whole-class lessons on Monday, lesson 1 (subjects 1 and 2); remove one or split the "
            "class into groups.",
            "Teacher 100 has two lessons on Monday, lesson 1 (class 10 and class 10); move one or give it to "
            "another teacher.",
            "Room 201 is booked twice on Monday, lesson 1 (class 10 and class 10); choose another room for one of "
            "them."});
}

TEST_CASE("a lesson listed twice is one problem, not three") {
  auto slots = week_template();
  slots.push_back(slots[1]);
  CHECK(check_timetable(slots) ==
        std::vector<std::string>{
            "The lesson of class 10 on Monday, lesson 1 (subject 1) is listed twice; delete one."});
}

TEST_CASE("three lessons of one teacher at once are three pairs") {
  std::vector<TimetableSlot> slots{slot(10, 3, 2, 0, 1, 100, std::nullopt),
                                   slot(11, 3, 2, 0, 1, 100, std::nullopt),
                                   slot(12, 3, 2, 0, 1, 100, std::nullopt)};
  const auto problems = check_timetable(slots);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] == "Teacher 100 has two lessons on Wednesday, lesson 2 (class 10 and class 11); move one or "
                       "give it to another teacher.");
  CHECK(problems[1] == "Teacher 100 has two lessons on Wednesday, lesson 2 (class 10 and class 12); move one or "
                       "give it to another teacher.");
  CHECK(problems[2] == "Teacher 100 has two lessons on Wednesday, lesson 2 (class 11 and class 12); move one or "
                       "give it to another teacher.");
}

TEST_CASE("problems come in order: invalid lessons, then conflicts by weekday and lesson") {
  std::vector<TimetableSlot> slots{
      slot(20, 2, 1, 0, 1, 100, std::nullopt), slot(21, 2, 1, 0, 1, 100, std::nullopt),  // Tuesday clash
      slot(20, 1, 5, 0, 1, 101, std::nullopt), slot(21, 1, 5, 0, 1, 101, std::nullopt),  // Monday clash
      slot(20, 8, 1, 0, 1, 102, std::nullopt),                                           // invalid
  };
  const auto problems = check_timetable(slots);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] == "A lesson of class 20 is on weekday 8; use 1 (Monday) to 7 (Sunday).");
  CHECK(problems[1].rfind("Teacher 101 has two lessons on Monday, lesson 5", 0) == 0);
  CHECK(problems[2].rfind("Teacher 100 has two lessons on Tuesday, lesson 1", 0) == 0);
}

TEST_CASE("invalid slots say what to fix and take no part in conflicts") {
  CHECK_FALSE(check_slot(slot(10, 1, 1, 0, 1, 100, 201)));
  CHECK_FALSE(check_slot(slot(10, 7, 1, 0, 1, 100, std::nullopt)));
  CHECK(check_slot(slot(0, 1, 1, 0, 1, 100, 201)) ==
        std::string("A lesson of the timetable names no class; choose the class."));
  CHECK(check_slot(slot(10, 0, 1, 0, 1, 100, 201)) ==
        std::string("A lesson of class 10 is on weekday 0; use 1 (Monday) to 7 (Sunday)."));
  CHECK(check_slot(slot(10, 1, 0, 0, 1, 100, 201)) ==
        std::string("A lesson of class 10 on Monday has lesson number 0; lessons are numbered from 1."));
  CHECK(check_slot(slot(10, 1, 1, -1, 1, 100, 201)) ==
        std::string("Class 10 has no group -1; use 0 for the whole class or the group's number."));
  CHECK(check_slot(slot(10, 1, 1, 2, 0, 100, 201)) ==
        std::string("A lesson of class 10 group 2 on Monday, lesson 1 names no subject; choose one."));
  CHECK(check_slot(slot(10, 1, 1, 0, 1, 0, 201)) ==
        std::string("A lesson of class 10 on Monday, lesson 1 names no teacher; choose one."));
  CHECK(check_slot(slot(10, 1, 1, 0, 1, 100, 0)) ==
        std::string("A lesson of class 10 on Monday, lesson 1 names an unknown room; choose the room again or "
                    "leave it empty."));

  // two teacherless lessons at once are one problem each, not a clash between "teacher 0"s
  std::vector<TimetableSlot> slots{slot(10, 1, 1, 0, 1, 0, 0), slot(11, 1, 1, 0, 1, 0, 0)};
  CHECK(check_timetable(slots).size() == 2);
}

TEST_CASE("clashes as values: one per rule a pair breaks, duplicates once, invalid slots left out") {
  const std::vector<TimetableSlot> slots{
      slot(10, 1, 2, 0, 1, 100, 201), slot(10, 1, 2, 0, 2, 100, 201),  // class, teacher and room at once
      slot(11, 1, 3, 0, 3, 103, 205), slot(11, 1, 3, 0, 3, 103, 205),  // listed twice
      slot(12, 1, 3, 0, 3, 103, 205),                                  // and its teacher and room elsewhere
      slot(0, 1, 3, 0, 3, 103, 205),                                   // invalid: no class
  };
  const auto clashes = timetable_clashes(slots);
  REQUIRE(clashes.size() == 8);
  CHECK(clashes[0].kind == ClashKind::class_busy);
  CHECK(clashes[1].kind == ClashKind::teacher);
  CHECK(clashes[2].kind == ClashKind::room);
  CHECK((clashes[0].a.subject_id == 1 && clashes[0].b.subject_id == 2));
  CHECK(clashes[3].kind == ClashKind::duplicate);
  CHECK((clashes[3].a.class_id == 11 && clashes[3].b.class_id == 11));
  for (std::size_t i = 4; i < 8; ++i) CHECK((clashes[i].kind == ClashKind::teacher || clashes[i].kind == ClashKind::room));
  CHECK(timetable_clashes({slot(10, 1, 2, 1, 2, 101, 202), slot(10, 1, 2, 2, 2, 102, 203)}).empty());
}

TEST_CASE("a planned lesson remembers the period the template gives it") {
  TimetableChange move = change(monday, 10, 1, ChangeKind::moved);
  move.new_period = 6;
  const auto lessons = lessons_on(monday, week_template(), {move});
  const PlannedLesson* moved = find(lessons, 10, 6);
  REQUIRE(moved);
  CHECK(moved->template_period == 1);
  CHECK(find(lessons, 10, 3)->template_period == 3);
}
