// class_averages: a class's term average per subject (GET /api/v1/classes/{id}/averages) — the
// class's figure only, never a pupil's own marks — for whoever may read a pupil of the class.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct SubjectAverageView {
  std::string subject_id, subject;
  std::optional<double> average;  // weighted as a pupil's average, over every mark of the class; none without marks
  int pupils_with_marks = 0;
};

struct ClassAveragesView {
  std::string class_id, class_name;
  int term = 0;
  std::string from, to;
  std::vector<SubjectAverageView> subjects;  // by subject name
};

Result<ClassAveragesView> class_averages(Context& ctx, const domain::Actor& actor, std::string_view class_id,
                                         std::string_view term);

}  // namespace classbook::app
