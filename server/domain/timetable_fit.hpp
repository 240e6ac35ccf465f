// timetable_fit: which per-date changes a class's new week template leaves without a lesson to change, or clashing.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "lesson_plan.hpp"
#include "timetable.hpp"

namespace classbook::domain {

// A change that does not fit the week it would be applied to, and why, in words.
struct StaleChange {
  std::size_t index = 0;  // into the changes judged
  std::string reason;
};

// The changes of class `class_id` that do not fit `week` — every class's template, the class's
// new one in it — in the order given:
// - the template has no lesson of the class on the change's weekday with its period (and, for a
//   group's change, that group's lesson), so the change would change nothing, or the wrong lesson;
// - applied with its date's other changes, the change puts a teacher, a room or the class into two
//   lessons at once that the date would not have without it (new_clashes), e.g. a move onto a
//   period the new week fills.
// `changes` are every class's changes of the dates concerned, each date's in the order they were
// made: the other classes' ones are the dates' context and are not judged themselves.
std::vector<StaleChange> stale_changes(long long class_id, const std::vector<TimetableSlot>& week,
                                       const std::vector<TimetableChange>& changes, const Namer& names);

}  // namespace classbook::domain
