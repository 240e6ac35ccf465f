// Tests of lesson planning: school days, a day within its bells, new clashes of a change, and the
// meeting of wanted lessons with the journal's rows (making lessons, and rows following a change).
#include <catch2/catch.hpp>

#include "domain/lesson_plan.hpp"

using namespace classbook::domain;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

const Date tuesday = ymd(2026, 12, 1);

// Names as a school says them, so messages can be checked whole.
class SchoolNames : public Namer {
 public:
  std::string class_name(long long id) const override { return id == 10 ? "5А" : "6Б"; }
  std::string subject_name(long long id) const override { return id == 1 ? "Математика" : id == 2 ? "Физика" : "Музыка"; }
  std::string teacher_name(long long id) const override { return id == 100 ? "Иванова М.П." : "Петров О.И."; }
  std::string room_name(long long id) const override { return std::to_string(id); }
};
const SchoolNames names;

PlannedLesson lesson(int period, long long class_id, long long subject, long long teacher,
                     std::optional<long long> room = std::nullopt, int group = 0) {
  PlannedLesson l;
  l.date = tuesday;
  l.period = period;
  l.template_period = period;
  l.class_id = class_id;
  l.group_no = group;
  l.subject_id = subject;
  l.teacher_id = teacher;
  l.room_id = room;
  return l;
}

LessonRow row(long long id, PlannedLesson l, JournalUse use = {}) {
  l.template_period = 0;  // rows do not know it
  return LessonRow{id, std::move(l), use};
}

BellSchedule three_bells() {
  BellSchedule s = default_bell_schedule();
  s.periods.resize(3);
  s.variant = "короткий";
  return s;
}

}  // namespace

TEST_CASE("lesson_plan: school days lie in a term and are not public holidays") {
  const auto terms = default_terms(2026, TermKind::quarters);  // term 2: 5 Nov – 29 Dec
  CHECK(is_school_day(ymd(2026, 11, 5), terms));
  CHECK(is_school_day(ymd(2026, 12, 29), terms));
  CHECK_FALSE(is_school_day(ymd(2026, 11, 4), terms));   // a holiday between the terms, and a public one
  CHECK_FALSE(is_school_day(ymd(2026, 12, 30), terms));  // winter holidays
  CHECK_FALSE(is_school_day(ymd(2027, 3, 8), terms));    // in term 3, but a public holiday
  CHECK_FALSE(is_school_day(ymd(2027, 7, 1), terms));    // summer
  CHECK_FALSE(is_school_day(ymd(2026, 11, 10), {}));     // no terms, no school
  CHECK(is_public_holiday(ymd(2027, 1, 8)));
  CHECK_FALSE(is_public_holiday(ymd(2027, 1, 9)));

  const auto days = school_days_between(ymd(2026, 12, 27), ymd(2027, 1, 10), terms);
  CHECK(days == std::vector<Date>{ymd(2026, 12, 27), ymd(2026, 12, 28), ymd(2026, 12, 29), ymd(2027, 1, 9),
                                  ymd(2027, 1, 10)});
  CHECK(school_days_between(ymd(2026, 12, 2), ymd(2026, 12, 1), terms).empty());
}

TEST_CASE("lesson_plan: labels and words name the lesson as the school does") {
  auto l = lesson(3, 10, 1, 100, 215, 2);
  CHECK(lesson_label(l, names) == "5А, lesson 3 of group 2 on 2026-12-01");
  CHECK(lesson_words(l, names) == "Математика with Иванова М.П. in room 215");
  l.room_id.reset();
  l.cancelled = true;
  CHECK(lesson_words(l, names) == "Математика with Иванова М.П., cancelled");
  CHECK(lesson_label(lesson(1, 3, 1, 1), IdNamer{}) == "class 3, lesson 1 on 2026-12-01");
}

TEST_CASE("lesson_plan: a clash of the template names both lessons") {
  const std::vector<TimetableSlot> slots{{10, 1, 3, 0, 1, 100, 215}, {11, 1, 3, 0, 2, 100, 215}};
  const auto clashes = timetable_clashes(slots);
  REQUIRE(clashes.size() == 2);
  CHECK(describe_clash(clashes[0], names) ==
        "Иванова М.П. has two lessons on Monday, lesson 3: 5А (Математика) and 6Б (Физика); move one or give it to "
        "another teacher.");
  CHECK(describe_clash(clashes[1], names) ==
        "Room 215 is booked twice on Monday, lesson 3: 5А (Математика) and 6Б (Физика); choose another room for one "
        "of them.");
}

TEST_CASE("lesson_plan: a day keeps only the lessons its bells ring for") {
  const std::vector<TimetableSlot> slots{{10, 2, 1, 0, 1, 100, 215}, {10, 2, 4, 0, 2, 101, std::nullopt},
                                         {10, 3, 1, 0, 3, 101, std::nullopt}};
  const auto bells = three_bells();
  SECTION("lessons past the last bell are left out and said") {
    const auto plan = plan_day(tuesday, &bells, slots, {}, names);
    REQUIRE(plan.lessons.size() == 1);
    CHECK(plan.lessons[0].period == 1);
    REQUIRE(plan.left_out.size() == 1);
    CHECK(plan.left_out[0].lesson.period == 4);
    CHECK(plan.left_out[0].reason ==
          "5А, lesson 4 on 2026-12-01 is in the timetable, but the bells \"короткий\" of that day ring only 3 "
          "lessons; move the lesson or add the bell.");
  }
  SECTION("a day without bells has no lessons") {
    const auto plan = plan_day(tuesday, nullptr, slots, {}, names);
    CHECK(plan.lessons.empty());
    REQUIRE(plan.left_out.size() == 2);
    CHECK(plan.left_out[0].reason ==
          "5А, lesson 1 on 2026-12-01 is in the timetable, but no bells ring on Tuesdays; choose the bells of that "
          "weekday.");
  }
  SECTION("a lesson moved past the bells is left out too") {
    TimetableChange move;
    move.date = tuesday;
    move.class_id = 10;
    move.period = 1;
    move.kind = ChangeKind::moved;
    move.new_period = 5;
    const auto plan = plan_day(tuesday, &bells, slots, {move}, names);
    CHECK(plan.lessons.empty());
    CHECK(plan.left_out.size() == 2);
  }
  SECTION("a day nobody teaches on is quietly empty") {
    const auto plan = plan_day(ymd(2026, 12, 6), nullptr, slots, {}, names);
    CHECK(plan.lessons.empty());
    CHECK(plan.left_out.empty());
  }
}

TEST_CASE("lesson_plan: which slots a day's bells would strand") {
  const auto bells = three_bells();
  const std::vector<TimetableSlot> slots{{10, 2, 3, 0, 1, 100, 215}, {10, 2, 4, 0, 2, 101, std::nullopt},
                                         {11, 2, 8, 0, 2, 101, std::nullopt}, {10, 3, 8, 0, 3, 101, std::nullopt}};
  CHECK(rings(&bells, 3));
  CHECK_FALSE(rings(&bells, 4));
  CHECK_FALSE(rings(nullptr, 1));
  const auto stranded = slots_without_bell(slots, 2, &bells);
  REQUIRE(stranded.size() == 2);
  CHECK((stranded[0].period == 4 && stranded[1].period == 8 && stranded[1].class_id == 11));
  CHECK(slots_without_bell(slots, 2, nullptr).size() == 3);
  CHECK(slots_without_bell(slots, 5, nullptr).empty());
}

TEST_CASE("lesson_plan: a change's new clashes: a substitute who already teaches then, and only what the change adds") {
  const std::vector<PlannedLesson> before{lesson(2, 10, 1, 100, 215), lesson(2, 11, 2, 101, 216)};
  auto after = before;
  after[0].teacher_id = 101;  // Петров takes 5А while teaching 6Б
  CHECK(new_clashes(before, after, names) ==
        std::vector<std::string>{"Петров О.И. has two lessons on 2026-12-01, lesson 2: 5А (Математика) and 6Б "
                                 "(Физика); move one or give it to another teacher."});
  after[0].cancelled = true;  // a cancelled lesson clashes with nothing
  CHECK(new_clashes(before, after, names).empty());

  auto clash_already = after;
  clash_already[0].cancelled = false;
  CHECK(new_clashes(clash_already, clash_already, names).empty());  // an old clash is not news
}

TEST_CASE("lesson_plan: what the journal holds, in words") {
  CHECK(describe(JournalUse{}) == "nothing");
  CHECK_FALSE(JournalUse{}.any());
  CHECK(describe(JournalUse{1, 0, 0, 0, false}) == "1 mark");
  CHECK(describe(JournalUse{3, 2, 1, 0, true}) == "3 marks, attendance of 2 pupils, homework and a topic");
  CHECK(describe(JournalUse{0, 1, 2, 1, false}) == "attendance of 1 pupil, work owed by 1 pupil and 2 homework items");
  CHECK(JournalUse{0, 0, 0, 0, true}.any());
  CHECK_FALSE(JournalUse{0, 0, 1, 0, true}.about_pupils());
  CHECK(JournalUse{0, 0, 0, 1, false}.about_pupils());
}

TEST_CASE("lesson_plan: making lessons: rows are created, kept, updated, removed or reported") {
  const JournalUse marked{2, 0, 0, 0, false};
  const JournalUse topic_only{0, 0, 0, 0, true};
  std::vector<PlannedLesson> wanted{
      lesson(1, 10, 1, 100, 215),  // no row: created
      lesson(2, 10, 2, 101),       // same row: unchanged
      lesson(3, 10, 1, 101, 215),  // row with another teacher, empty: updated
      lesson(4, 10, 1, 101),       // row with another teacher and marks: conflict
      lesson(5, 10, 3, 100),       // row with a topic and another room: conflict
  };
  wanted.push_back(lesson(6, 10, 3, 100));
  wanted.back().cancelled = true;  // cancelled lessons are made too
  const std::vector<LessonRow> rows{
      row(12, lesson(2, 10, 2, 101)),
      row(13, lesson(3, 10, 1, 100, 215)),
      row(14, lesson(4, 10, 1, 100), marked),
      row(15, lesson(5, 10, 3, 100, 300), topic_only),
      row(17, lesson(7, 10, 1, 100)),          // not wanted, empty: removed
      row(18, lesson(8, 10, 1, 100), marked),  // not wanted, holds marks: conflict
  };
  const auto diff = diff_lessons(wanted, rows, names);
  REQUIRE(diff.create.size() == 2);
  CHECK(diff.create[0].period == 1);
  CHECK((diff.create[1].period == 6 && diff.create[1].cancelled));
  CHECK(diff.unchanged == 1);
  REQUIRE(diff.update.size() == 1);
  CHECK(diff.update[0].row_id == 13);
  CHECK(diff.update[0].before.teacher_id == 100);
  CHECK(diff.update[0].after.teacher_id == 101);
  REQUIRE(diff.remove.size() == 1);
  CHECK(diff.remove[0].id == 17);
  REQUIRE(diff.conflicts.size() == 3);
  CHECK(diff.conflicts[0].lesson.period == 4);
  CHECK(diff.conflicts[0].lesson.teacher_id == 100);  // the row as kept
  CHECK(diff.conflicts[0].reason ==
        "5А, lesson 4 on 2026-12-01 already holds 2 marks as Математика with Иванова М.П., but the timetable now "
        "wants Математика with Петров О.И. there. It was kept as it is: record a change for that date, or correct "
        "the timetable.");
  CHECK(diff.conflicts[1].lesson.period == 5);
  CHECK(diff.conflicts[2].reason ==
        "5А, lesson 8 on 2026-12-01 (Математика with Иванова М.П.) is no longer in the timetable but holds 2 marks. "
        "It was kept: put it back in the timetable, or ask the teacher to clear it in the journal and make the "
        "lessons again.");
}

TEST_CASE("lesson_plan: making lessons twice changes nothing the second time") {
  const std::vector<PlannedLesson> wanted{lesson(1, 10, 1, 100, 215), lesson(1, 11, 2, 101)};
  const auto first = diff_lessons(wanted, {}, names);
  REQUIRE(first.create.size() == 2);
  std::vector<LessonRow> rows;
  for (const auto& l : first.create) rows.push_back(row(static_cast<long long>(rows.size()) + 1, l));
  const auto second = diff_lessons(wanted, rows, names);
  CHECK(second.create.empty());
  CHECK(second.update.empty());
  CHECK(second.remove.empty());
  CHECK(second.conflicts.empty());
  CHECK(second.unchanged == 2);
}

TEST_CASE("lesson_plan: two wanted lessons for one slot: the first is made, the second reported") {
  const auto diff = diff_lessons({lesson(2, 10, 1, 100), lesson(2, 10, 2, 101)}, {}, names);
  REQUIRE(diff.create.size() == 1);
  CHECK(diff.create[0].subject_id == 1);
  REQUIRE(diff.conflicts.size() == 1);
  CHECK(diff.conflicts[0].reason ==
        "Two lessons want 5А, lesson 2 on 2026-12-01 (Математика with Иванова М.П. and Физика with Петров О.И.); "
        "only the first was made. Correct the timetable or the day's changes.");
}

TEST_CASE("lesson_plan: groups are separate slots: a whole-class row gives way to two group rows") {
  const std::vector<PlannedLesson> wanted{lesson(2, 10, 2, 100, std::nullopt, 1), lesson(2, 10, 2, 101, std::nullopt, 2)};
  const auto diff = diff_lessons(wanted, {row(5, lesson(2, 10, 2, 100))}, names);
  CHECK(diff.create.size() == 2);
  REQUIRE(diff.remove.size() == 1);
  CHECK(diff.remove[0].id == 5);
}

TEST_CASE("lesson_plan: rows follow a substitution and a room change even when they hold marks") {
  const JournalUse marked{3, 20, 1, 0, true};
  const std::vector<PlannedLesson> before{lesson(2, 10, 1, 100, 215), lesson(3, 10, 2, 101)};
  auto after = before;
  after[0].teacher_id = 101;
  after[0].room_id = 300;
  after[0].substituted = true;
  const std::vector<LessonRow> rows{row(7, before[0], marked), row(8, before[1])};
  const auto f = rows_following(before, after, rows, names);
  CHECK_FALSE(f.refusal);
  REQUIRE(f.updates.size() == 1);
  CHECK(f.updates[0].row_id == 7);
  CHECK(f.updates[0].after.teacher_id == 101);
  CHECK(f.updates[0].after.room_id == 300);
  CHECK(f.updates[0].before.teacher_id == 100);

  SECTION("taking the change back restores the row") {
    std::vector<LessonRow> changed{row(7, after[0], marked), row(8, before[1])};
    const auto back = rows_following(after, before, changed, names);
    REQUIRE(back.updates.size() == 1);
    CHECK(back.updates[0].after.teacher_id == 100);
  }
  SECTION("lessons not made yet need nothing") {
    CHECK(rows_following(before, after, {}, names).updates.empty());
  }
  SECTION("a row already as wanted needs nothing") {
    CHECK(rows_following(before, after, {row(7, after[0], marked)}, names).updates.empty());
  }
}

TEST_CASE("lesson_plan: a cancellation is refused while the row holds marks or attendance, not for homework alone") {
  const std::vector<PlannedLesson> before{lesson(2, 10, 1, 100, 215)};
  auto after = before;
  after[0].cancelled = true;
  const auto refused = rows_following(before, after, {row(7, before[0], JournalUse{2, 1, 0, 0, false})}, names);
  REQUIRE(refused.refusal);
  CHECK(*refused.refusal ==
        "5А, lesson 2 on 2026-12-01 already holds 2 marks and attendance of 1 pupil; cancelling it would hide them. "
        "Ask the teacher to remove them in the journal first, or record a substitution instead of a cancellation.");
  CHECK(refused.updates.empty());

  const auto homework_only = rows_following(before, after, {row(7, before[0], JournalUse{0, 0, 1, 0, true})}, names);
  CHECK_FALSE(homework_only.refusal);
  REQUIRE(homework_only.updates.size() == 1);
  CHECK(homework_only.updates[0].after.cancelled);
}

TEST_CASE("lesson_plan: a substitution in another subject is refused while the row holds anything") {
  const std::vector<PlannedLesson> before{lesson(2, 10, 1, 100)};
  auto after = before;
  after[0].subject_id = 2;
  after[0].teacher_id = 101;
  const auto refused = rows_following(before, after, {row(7, before[0], JournalUse{0, 0, 0, 0, true})}, names);
  REQUIRE(refused.refusal);
  CHECK(*refused.refusal ==
        "5А, lesson 2 on 2026-12-01 already holds a topic in Математика; a lesson of Физика cannot keep them. Keep "
        "the subject, or ask the teacher to clear the lesson in the journal first.");
  CHECK_FALSE(rows_following(before, after, {row(7, before[0])}, names).refusal);
}

TEST_CASE("lesson_plan: a moved row takes its new period, unless the class already has a row there") {
  const std::vector<PlannedLesson> before{lesson(2, 10, 1, 100), lesson(5, 10, 2, 101)};
  auto after = before;
  after[0].period = 6;
  after[0].moved = true;
  const auto moved = rows_following(before, after, {row(7, before[0], JournalUse{4, 0, 0, 0, false})}, names);
  CHECK_FALSE(moved.refusal);
  REQUIRE(moved.updates.size() == 1);
  CHECK(moved.updates[0].after.period == 6);

  after[0].period = 5;
  const auto taken = rows_following(before, after, {row(7, before[0]), row(9, before[1])}, names);
  REQUIRE(taken.refusal);
  CHECK(*taken.refusal ==
        "5А already has lesson 5 on 2026-12-01 (Физика with Петров О.И.); cancel or move that lesson first.");

  // A group's row is in the way of a whole-class lesson too.
  after[0].period = 6;
  const auto group_row = rows_following(before, after, {row(7, before[0]), row(9, lesson(6, 10, 3, 101, std::nullopt, 2))}, names);
  CHECK(group_row.refusal);
}
