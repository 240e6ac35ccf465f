// timetable_fit: per-date changes judged against a class's new week template.
#include "timetable_fit.hpp"

#include <algorithm>

#include "day_time.hpp"

namespace classbook::domain {
namespace {

// "the move of 2026-12-01"
std::string the_change(const TimetableChange& c) {
  const char* what = "substitution";
  switch (c.kind) {
    case ChangeKind::substitution: what = "substitution"; break;
    case ChangeKind::cancelled: what = "cancellation"; break;
    case ChangeKind::room: what = "room change"; break;
    case ChangeKind::moved: what = "move"; break;
  }
  return std::string("the ") + what + " of " + format_date(c.date);
}

bool names_lesson(const TimetableChange& c, const TimetableSlot& s) {
  return s.class_id == c.class_id && s.weekday == iso_weekday(c.date) && s.period == c.period &&
         (c.group_no == 0 || s.group_no == c.group_no);
}

// "5А has no lesson 3 on Mondays in its new timetable" (", for group 2" for a group's change).
std::string no_lesson(const TimetableChange& c, const Namer& names) {
  return names.class_name(c.class_id) + " has no lesson " + std::to_string(c.period) +
         (c.group_no == 0 ? "" : " for group " + std::to_string(c.group_no)) + " on " + weekday_name(iso_weekday(c.date)) +
         "s in its new timetable, so " + the_change(c) + " no longer names a lesson";
}

}  // namespace

std::vector<StaleChange> stale_changes(long long class_id, const std::vector<TimetableSlot>& week,
                                       const std::vector<TimetableChange>& changes, const Namer& names) {
  std::vector<StaleChange> stale;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    if (c.class_id != class_id) continue;
    if (std::none_of(week.begin(), week.end(), [&](const TimetableSlot& s) { return names_lesson(c, s); })) {
      stale.push_back({i, no_lesson(c, names)});
      continue;
    }
    std::vector<TimetableChange> day, without;
    for (std::size_t j = 0; j < changes.size(); ++j) {
      if (changes[j].date != c.date) continue;
      day.push_back(changes[j]);
      if (j != i) without.push_back(changes[j]);
    }
    const auto clashes = new_clashes(lessons_on(c.date, week, without), lessons_on(c.date, week, day), names);
    if (!clashes.empty())
      stale.push_back({i, the_change(c) + " clashes with the new timetable: " + clashes.front()});
  }
  return stale;
}

}  // namespace classbook::domain
