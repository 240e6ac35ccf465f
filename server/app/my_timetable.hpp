// my_timetable: a teacher's own week in one read — every lesson the teacher gives or would have
// given that week across classes, with the bells' times and the days' changes put on them:
// substitutions the teacher takes (and whom for), own lessons cancelled, taken by another teacher,
// moved or in another room. Built from the weekly template and the per-date changes exactly as
// the lessons of the journal are made (domain::teacher_lessons_on), so it agrees with them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/calendar.hpp"
#include "domain/policy.hpp"
#include "domain/teacher_timetable.hpp"

namespace classbook::app {

// A change of the day applied to the lesson, as the API names it.
struct AppliedChange {
  std::string id;  // the change's uuid (DELETE /api/v1/timetable-changes/{id})
  domain::ChangeKind kind = domain::ChangeKind::substitution;
};

struct MyLessonView {
  domain::TeacherPart part = domain::TeacherPart::own;
  int period = 0;                 // where it happens: after a move, the new period
  std::optional<int> moved_from;  // moved: where the weekly template has it
  int start_minute = 0;           // the bells of that day
  int end_minute = 0;
  store::Ref klass;
  int group = 0;  // 0: the whole class
  store::Ref subject;
  std::optional<store::Ref> substitute_for;  // part substitute: whose lesson the teacher takes
  std::optional<store::Ref> taken_by;        // part taken_over: who gives it instead
  std::string room;                          // "" when none
  std::string usual_room;
  bool room_changed = false;
  bool cancelled = false;
  std::string note;  // the changes' notes, joined by "; "
  std::vector<AppliedChange> changes;
  std::string lesson_id;  // the journal's lesson when the teacher gives it and it is made; else ""
};

struct MyDayView {
  domain::Date date;
  bool school_day = false;  // inside a term and not a public holiday: else no lessons
  std::optional<domain::BellSchedule> bells;  // none: no bells ring that weekday
  std::vector<MyLessonView> lessons;           // by period, class and group
};

struct MyTimetableView {
  domain::IsoWeek week;
  store::Ref teacher;
  std::vector<MyDayView> days;  // Monday to Sunday
};

// The signed-in teacher's week `week_text` ("2026-W49"). Refused (403 timetable.teachers_only)
// for everyone else: a pupil's or guardian's week is their class's timetable.
Result<MyTimetableView> my_timetable(Context& ctx, const domain::Actor& actor, std::string_view week_text);

}  // namespace classbook::app
