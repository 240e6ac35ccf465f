// class_marks: every mark of a class's lessons in a span, by subject, for the class's averages.
#pragma once

#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// The class's lessons dated from..to with their marks (deleted ones left out), by subject name; a
// subject whose lessons have no mark yet comes once with student_id 0, so it still shows.
Result<std::vector<ClassMarkRow>> marks_of_class_term(Db& db, Id class_id, domain::Date from, domain::Date to);

}  // namespace classbook::store
