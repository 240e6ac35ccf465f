// substitute_lessons: the lessons a teacher gave in classes and subjects they do not teach (as a
// substitute), and one such lesson as a journal of one column — open while the teacher may still
// write in it (the policy's grace period), or to whoever reads that class's journal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/views.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct SubstituteLessonView {
  std::string lesson_id, date;
  int period = 0;
  std::string class_id, class_name, subject_id, subject, topic;
  bool writable = false;  // the grace period after the lesson has not run out
};

// The term's lessons the actor (a teacher) gave outside their own class × subject pairs, by date.
Result<std::vector<SubstituteLessonView>> substitute_lessons(Context& ctx, const domain::Actor& actor,
                                                             std::string_view term);
// One lesson as a journal: its pupils with their marks, absences and dots on it.
Result<JournalView> lesson_journal(Context& ctx, const domain::Actor& actor, std::string_view lesson_id);

}  // namespace classbook::app
