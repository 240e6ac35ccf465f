// homework: a pupil's homework over a span of lesson dates (GET /api/v1/students/{id}/homework),
// seen by whoever may read the pupil's diary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// The longest span one request may ask for: about two months, what a term's planning view shows.
constexpr int max_homework_span_days = 62;

struct HomeworkQuery {
  std::string_view student_id, from, to;
  std::string_view subject_id;  // empty: every subject
  std::string_view mandatory;   // empty: both; "true" or "false"
};

struct HomeworkListView {
  store::StudentBrief student;
  std::string from, to;
  std::vector<store::PupilHomeworkRecord> items;  // by lesson date, then period
};

Result<HomeworkListView> pupil_homework(Context& ctx, const domain::Actor& actor, const HomeworkQuery& q);

}  // namespace classbook::app
