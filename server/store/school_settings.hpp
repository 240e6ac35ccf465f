// school_settings: SQL for the director's settings — one settings key, the terms, the work types —
// and the counts that say whether a change would leave marks or term grades behind.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/marks.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

Status put_setting(Db& db, std::string_view key, const std::string& value);
// The terms table becomes exactly `terms`.
Status replace_terms(Db& db, const std::vector<domain::Term>& terms);

// Marks (not deleted) on lessons that fall in no term of `terms`: how many, and the earliest date.
struct MarksOutside {
  long long count = 0;
  std::string first_date;
};
Result<MarksOutside> marks_outside_terms(Db& db, const std::vector<domain::Term>& terms);
// Term grades given for a term number above `last_term`: how many, and the highest such number.
struct TermGradesBeyond {
  long long count = 0;
  int term = 0;
};
Result<TermGradesBeyond> term_grades_beyond(Db& db, int last_term);
// Marks (not deleted) and term grades whose value lies above `max`.
struct ValuesAbove {
  long long marks = 0;
  long long term_grades = 0;
};
Result<ValuesAbove> values_above(Db& db, int max);

Result<Id> insert_work_type(Db& db, const domain::WorkType& w);
Status update_work_type(Db& db, Id id, const domain::WorkType& w);  // name, weight, rank

}  // namespace classbook::store
