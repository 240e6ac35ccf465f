// teacher_timetable: one teacher's lessons of a day — the own lessons of the weekly template and
// those the day's changes give the teacher — each with how the changes touched it.
#pragma once

#include <cstddef>
#include <vector>

#include "bell_schedule.hpp"
#include "timetable.hpp"

namespace classbook::domain {

// How a lesson of the day is the teacher's.
enum class TeacherPart {
  own,         // the template gives it to the teacher, and the teacher gives it
  taken_over,  // the template gives it to the teacher, but a substitution gives it to another
  substitute,  // the template gives it to another teacher; the teacher stands in
};
const char* to_string(TeacherPart p);  // "own", "taken_over", "substitute"

struct TeacherLesson {
  PlannedLesson lesson;  // as it happens: the period after a move, teacher, subject, room, cancelled, note
  TimetableSlot usual;   // the template's lesson it comes from: teacher, subject and room as usual
  TeacherPart part = TeacherPart::own;
  std::vector<std::size_t> changes;  // indexes of the day's changes applied to it, in the order applied
  bool room_changed() const { return lesson.room_id != usual.room_id; }
  bool moved() const { return lesson.period != usual.period; }
};

// The lessons of `date` that are `teacher_id`'s, own (cancelled ones too), taken over by another
// teacher or given as a substitute: lessons_on over every class's template and the date's changes,
// keeping only the lessons `bells` ring for (as the lessons made for the journal; null: no bells,
// no lessons). Sorted as lessons_on sorts: by period, class and group.
std::vector<TeacherLesson> teacher_lessons_on(Date date, const BellSchedule* bells, const std::vector<TimetableSlot>& slots,
                                              const std::vector<TimetableChange>& changes, long long teacher_id);

}  // namespace classbook::domain
