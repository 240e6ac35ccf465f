// teacher_timetable: a teacher's day from lessons_on, each lesson paired with its template lesson.
#include "teacher_timetable.hpp"

#include <algorithm>

#include "lesson_plan.hpp"

namespace classbook::domain {

const char* to_string(TeacherPart p) {
  switch (p) {
    case TeacherPart::own: return "own";
    case TeacherPart::taken_over: return "taken_over";
    case TeacherPart::substitute: return "substitute";
  }
  return "own";
}

std::vector<TeacherLesson> teacher_lessons_on(Date date, const BellSchedule* bells, const std::vector<TimetableSlot>& slots,
                                              const std::vector<TimetableChange>& changes, long long teacher_id) {
  const int weekday = iso_weekday(date);
  std::vector<TeacherLesson> out;
  for (PlannedLesson& l : lessons_on(date, slots, changes)) {
    if (!rings(bells, l.period)) continue;
    // A class has one lesson per template period and group (check_timetable), so this finds the one.
    const auto usual = std::find_if(slots.begin(), slots.end(), [&](const TimetableSlot& s) {
      return s.weekday == weekday && s.class_id == l.class_id && s.period == l.template_period && s.group_no == l.group_no;
    });
    if (usual == slots.end()) continue;
    const bool usually_mine = usual->teacher_id == teacher_id;
    const bool mine_today = l.teacher_id == teacher_id;
    if (!usually_mine && !mine_today) continue;
    TeacherLesson t{std::move(l), *usual, TeacherPart::own, {}};
    if (!mine_today) t.part = TeacherPart::taken_over;
    else if (!usually_mine) t.part = TeacherPart::substitute;
    for (std::size_t i = 0; i < changes.size(); ++i)
      if (change_applies(changes[i], *usual, date)) t.changes.push_back(i);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace classbook::domain
