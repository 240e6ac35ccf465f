// lesson_plan: which dates have lessons, a day's lessons as the bells allow them, and how the
// lessons the timetable wants meet the lesson rows the journal already has.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bell_schedule.hpp"
#include "calendar.hpp"
#include "timetable.hpp"

namespace classbook::domain {

// --- school days ---

// The fixed-date public holidays of the Russian Federation: 1–8 January, 23 February, 8 March,
// 1 and 9 May, 12 June and 4 November. (Days moved by government decree are not known here.)
bool is_public_holiday(Date d);
// A date lessons can happen on: inside one of the terms and not a public holiday. Outside every
// term (the holidays between terms, the summer, another academic year) there are none. Which
// weekdays are taught is the bells' and the timetable's business, not this one's.
bool is_school_day(Date d, const std::vector<Term>& terms);
// The school days from `from` to `to`, both included, in order; none when `to` is before `from`.
std::vector<Date> school_days_between(Date from, Date to, const std::vector<Term>& terms);

// --- naming things in messages ---

// How people call the school's things; ids are internal. The store answers from the database;
// IdNamer ("class 3") serves tests and fallbacks.
class Namer {
 public:
  virtual ~Namer() = default;
  virtual std::string class_name(long long class_id) const = 0;
  virtual std::string subject_name(long long subject_id) const = 0;
  virtual std::string teacher_name(long long teacher_id) const = 0;
  virtual std::string room_name(long long room_id) const = 0;
};

class IdNamer : public Namer {
 public:
  std::string class_name(long long id) const override { return "class " + std::to_string(id); }
  std::string subject_name(long long id) const override { return "subject " + std::to_string(id); }
  std::string teacher_name(long long id) const override { return "teacher " + std::to_string(id); }
  std::string room_name(long long id) const override { return "room " + std::to_string(id); }
};

// "5А, lesson 3 on 2026-12-01" (", group 2" after the lesson number for a group's lesson).
std::string lesson_label(const PlannedLesson& lesson, const Namer& names);
// "Математика with Иванова М.П. in room 215" — what the lesson is, for "… wants …" messages.
std::string lesson_words(const PlannedLesson& lesson, const Namer& names);
// A clash of the weekly template in words, naming both lessons, e.g. "Иванова М.П. has two lessons
// on Monday, lesson 3: 5А (Математика) and 6Б (Математика); …".
std::string describe_clash(const TimetableClash& clash, const Namer& names);

// --- a day's lessons ---

// Whether `bells` (null: a day without bells) ring lesson `period`.
bool rings(const BellSchedule* bells, int period);
// The slots of `weekday` that `bells` do not ring, in list order: what a change of the bells would strand.
std::vector<TimetableSlot> slots_without_bell(const std::vector<TimetableSlot>& slots, int weekday,
                                              const BellSchedule* bells);

// A lesson that could not be made or a row that was kept as it is.
struct LessonConflict {
  PlannedLesson lesson;  // the row kept, or the lesson that could not be made
  std::string reason;    // in words: what the journal has, what the timetable wants, what to do
};

struct DayPlan {
  std::vector<PlannedLesson> lessons;     // as lessons_on gives them, only those the bells ring for
  std::vector<LessonConflict> left_out;  // the others, each with the reason in words
};
// The lessons of `date` from the template and the date's changes (lessons_on), keeping only those
// whose period rings on that day: with no bells (`bells` null) the day has no lessons at all.
// Lessons the bells do not ring for are left out and said in `left_out`.
DayPlan plan_day(Date date, const BellSchedule* bells, const std::vector<TimetableSlot>& slots,
                 const std::vector<TimetableChange>& changes, const Namer& names);

// Clashes among a date's lessons that a change would add: teachers, rooms or classes in two
// lessons at once in `after` but not in `before`. Cancelled lessons clash with nothing. In words.
std::vector<std::string> new_clashes(const std::vector<PlannedLesson>& before, const std::vector<PlannedLesson>& after,
                                     const Namer& names);

// --- the journal's lesson rows ---

// What the journal already holds for a lesson.
struct JournalUse {
  int marks = 0;       // mark rows, deleted ones included: their history hangs off the lesson
  int attendance = 0;  // pupils with an attendance entry
  int homework = 0;
  int dots = 0;
  bool topic = false;  // the teacher wrote the topic
  bool any() const { return marks > 0 || attendance > 0 || homework > 0 || dots > 0 || topic; }
  // Marks, attendance and dots are about pupils: a cancelled lesson would hide them.
  bool about_pupils() const { return marks > 0 || attendance > 0 || dots > 0; }
};
// "3 marks, attendance of 2 pupils, homework and a topic"; "nothing" when empty.
std::string describe(const JournalUse& use);

// A lesson row as the journal has it. Its lesson's template_period, substituted, moved and note
// are unknown (rows do not keep them).
struct LessonRow {
  long long id = 0;
  PlannedLesson lesson;
  JournalUse use;
};

// Whether a row already is the wanted lesson: same class, date, period, group, subject, teacher,
// room and cancellation.
bool row_is(const PlannedLesson& row, const PlannedLesson& wanted);

struct LessonUpdate {
  long long row_id = 0;
  PlannedLesson before;  // the row as it was
  PlannedLesson after;   // the row as it becomes
};

// What making lessons does to some days: the rows to create, update and remove.
struct LessonDiff {
  std::vector<PlannedLesson> create;
  std::vector<LessonUpdate> update;
  std::vector<LessonRow> remove;
  int unchanged = 0;
  std::vector<LessonConflict> conflicts;  // rows left as they are, and lessons not made
};

// Meets the lessons the timetable wants (of some days) with the journal's rows of the same days,
// slot by slot — a slot is (class, date, period, group), the journal's unique key:
// - no row: create the lesson (cancelled ones too, so the diary can say so);
// - a row that already is the lesson: unchanged;
// - a row that differs and holds nothing (JournalUse::any is false): update it;
// - a row that differs and holds something: a conflict, the row is kept;
// - a row no lesson wants: remove it when it holds nothing, else a conflict and it is kept;
// - a second wanted lesson for one slot: a conflict, not made.
LessonDiff diff_lessons(const std::vector<PlannedLesson>& wanted, const std::vector<LessonRow>& rows,
                        const Namer& names);

// A per-date change made or taken back after the lessons exist: the rows that must follow the
// plan from `before` to `after` (the date's lessons without and with the change, or the other way
// round). Lessons are paired by class, group and template period; where one differs and its row
// exists, the row takes the new subject, teacher, room, cancellation and period. Refused (nothing
// is to be written) when a row would lose its meaning:
// - cancelling a row that holds marks, attendance or dots;
// - changing the subject of a row that holds anything;
// - moving a row onto a period where the class (or that group) already has a row.
// A row is changed even when it holds marks otherwise: a substitution or a room change destroys
// nothing.
struct RowsFollowing {
  std::vector<LessonUpdate> updates;
  std::optional<std::string> refusal;  // in words, with what to do instead
};
RowsFollowing rows_following(const std::vector<PlannedLesson>& before, const std::vector<PlannedLesson>& after,
                             const std::vector<LessonRow>& rows, const Namer& names);

}  // namespace classbook::domain
