// timetable: the weekly lesson template, the per-date changes to it, and the lessons of a day they give.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"

namespace classbook::domain {

// One lesson of the weekly template. Ids are internal; 0 means "not chosen" and is never valid.
struct TimetableSlot {
  long long class_id = 0;
  int weekday = 0;   // ISO: Monday = 1 … Sunday = 7
  int period = 0;    // the lesson number in the day's bell schedule, from 1
  int group_no = 0;  // 0 = the whole class; 1, 2, … = one group of it (languages, IT, labour)
  long long subject_id = 0;
  long long teacher_id = 0;
  std::optional<long long> room_id;
};

// None when the slot names a class, subject and teacher, a weekday 1..7, a lesson from 1, a group
// from 0 and, if any, a room; else what to fix.
std::optional<std::string> check_slot(const TimetableSlot& slot);

// Every problem of the template, in words; empty when it can be used. Invalid slots come first, in
// list order, with check_slot's message, and are left out of the conflict checks. Then the
// conflicts, ordered by weekday and lesson:
// - a teacher in two lessons at the same weekday and period (two classes, or two groups of one class);
// - a room booked for two lessons at the same weekday and period;
// - a class with two whole-class lessons at once, with a whole-class and a group lesson at once, or
//   one group with two lessons at once.
// A slot listed twice is reported once, as a duplicate. Each conflicting pair is reported once.
std::vector<std::string> check_timetable(const std::vector<TimetableSlot>& slots);

// The same conflicts as values, for callers that name the classes, teachers and rooms themselves.
// Each conflicting pair of valid slots gives one clash per rule it breaks (a slot listed twice
// gives one `duplicate`), ordered by weekday and lesson like check_timetable's. Invalid slots
// (check_slot) take no part.
enum class ClashKind {
  duplicate,  // the same lesson listed twice
  class_busy, // a class (or one group of it) in two lessons at once
  teacher,    // a teacher in two lessons at once
  room,       // a room booked for two lessons at once
};
struct TimetableClash {
  ClashKind kind = ClashKind::duplicate;
  TimetableSlot a;  // the earlier of the two in check_timetable's order
  TimetableSlot b;
};
std::vector<TimetableClash> timetable_clashes(const std::vector<TimetableSlot>& slots);

enum class ChangeKind { substitution, cancelled, room, moved };
const char* to_string(ChangeKind k);  // "substitution", "cancelled", "room", "moved"
std::optional<ChangeKind> parse_change_kind(std::string_view s);  // inverse of to_string

// A change to the template on one date. The lesson is named as the weekly template names it: by
// class, by its template period (also for a lesson already moved by another change), and by group.
struct TimetableChange {
  Date date;
  long long class_id = 0;
  int period = 0;
  ChangeKind kind = ChangeKind::substitution;
  std::optional<long long> subject_id;  // substitution: the substitute's subject, when it differs
  std::optional<long long> teacher_id;  // substitution: required
  std::optional<long long> room_id;     // room: required; substitution and moved: optional
  std::optional<int> new_period;        // moved: required, from 1, not the template period
  std::string note;                     // shown to pupils and parents ("учитель на курсах")
  int group_no = 0;  // 0 = every lesson of the class in that period; N = only group N's lesson
};

// None when the change can be applied, else what to fix: a real date, a class, a period from 1, a
// group from 0; a substitution needs a teacher, a room change a room, a move a new period from 1
// that differs from the period. A kind does not take fields it does not use (a cancellation names
// no teacher, a room change no teacher or subject, …), so a stale value never changes a lesson.
std::optional<std::string> check_change(const TimetableChange& change);

// One lesson as it happens on a date.
struct PlannedLesson {
  Date date;
  int period = 0;  // after a move, the new period
  long long class_id = 0;
  int group_no = 0;
  long long subject_id = 0;
  long long teacher_id = 0;
  std::optional<long long> room_id;
  bool cancelled = false;  // kept in the list so the diary can show "cancelled"
  bool substituted = false;
  bool moved = false;
  std::string note;  // the notes of every change applied, joined by "; "
  int template_period = 0;  // the period the weekly template gives it, which changes name
};

// The template's lessons for the weekday of `date` with that date's changes applied in list order:
// substitution sets the teacher (and the subject and room when given), cancelled marks the lesson
// cancelled, room sets the room, moved sets the new period (and the room when given). Changes that
// fail check_change, and changes that name no lesson of the template, change nothing.
// Sorted by period, then class, then group.
std::vector<PlannedLesson> lessons_on(Date date, const std::vector<TimetableSlot>& template_slots,
                                      const std::vector<TimetableChange>& changes);

// Whether lessons_on applies the change to the template lesson `slot` on `date`: the change is of
// that date, class and template period, of every group (0) or the slot's, and passes check_change.
bool change_applies(const TimetableChange& change, const TimetableSlot& slot, Date date);

}  // namespace classbook::domain
