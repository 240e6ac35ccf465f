// school_settings: the director's changes to the school itself — name and year, the terms, the mark
// scale, the work types and their weights. Each is one writer job with its audit entry; the new
// settings are published to every thread (Context::settings_book) inside that job, so every read
// after the answer — diaries, grades, journals, class averages — weighs marks the new way, and open
// pages hear `school` on the live stream. The previous edition is published again if the job fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/school.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct SchoolChange {
  std::optional<std::string> name;
  std::optional<std::string> year;  // "2026/2027"
  // "85,65,45": the percentages a OneRoster client's score needs for each mark from the top down
  // (docs/sync.md § Writes); marks already made keep their value.
  std::optional<std::string> score_thresholds;
};
// The year changes only when the school's terms lie within the new one (otherwise PUT the terms
// with the year: replace_terms).
void change_school(Context& ctx, const domain::Actor& actor, SchoolChange in, Reply<SchoolView> reply);

struct TermDates {
  int number = 0;
  std::string from, to;  // "2026-09-01"
};
struct TermsChange {
  std::optional<std::string> year;  // "2027/2028": the terms of another year, which becomes the school's
  std::vector<TermDates> terms;
};
// The whole list is replaced. Refused when a mark (not deleted) would fall on no term, or a term grade
// was given for a term the list no longer has: the averages and term grades would silently lose them.
void replace_terms(Context& ctx, const domain::Actor& actor, TermsChange in, Reply<SchoolView> reply);

// The five-point or the ten-point scale, by its maximum. Refused while marks or term grades use values
// the new scale lacks.
void change_grade_scale(Context& ctx, const domain::Actor& actor, int max, Reply<SchoolView> reply);

struct WorkTypeChange {
  std::string code;
  std::optional<std::string> name;
  std::optional<int> weight;
  std::optional<int> rank;
};
void change_work_type(Context& ctx, const domain::Actor& actor, WorkTypeChange in, Reply<domain::WorkType> reply);

struct NewWorkType {
  std::string code, name;
  int weight = 1;
  std::optional<int> rank;  // default_new_work_type_rank
};
constexpr int default_new_work_type_rank = 1;  // a new kind of work decides a borderline grade last
void add_work_type(Context& ctx, const domain::Actor& actor, NewWorkType in, Reply<domain::WorkType> reply);

}  // namespace classbook::app
