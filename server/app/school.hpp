// school: what every signed-in user may know about the school itself (GET /api/v1/school) — its
// name, year and terms, grade scale, work types and subjects — so clients never guess them.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"

namespace classbook::app {

struct SchoolView {
  std::string name;
  int academic_year = 0;                                  // the year the academic year starts in
  std::vector<domain::Term> terms;                        // from the school's settings, by number
  domain::MarkScale scale;                                // every whole value from min to max is a mark
  std::vector<domain::WorkType> work_types;               // with the weight the averages use
  std::vector<store::SubjectRecord> subjects;             // by name
  domain::ScoreThresholds score_thresholds;               // a client's score → a mark (docs/sync.md § Writes)
};

// The settings the server itself enforces (ctx.settings()), with the subjects read from the store.
Result<SchoolView> about_school(Context& ctx);

}  // namespace classbook::app
