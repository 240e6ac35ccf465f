// weeks: the journal of the demo weeks — lessons, homework, marks, attendance, taps, notices, dots.
#pragma once

#include "demo/school_model.hpp"
#include "store/db.hpp"

namespace classbook::demo {

// Whether the school teaches on `day`: Monday to Friday, inside a term, not a public holiday.
bool is_school_day(const School& s, domain::Date day);

// Writes opt.weeks weeks from opt.first_monday, one transaction a week, reporting ("weeks", done, total).
// Only the current week is held in memory.
Status insert_weeks(store::Db& db, const DemoOptions& opt, School& s, const DemoProgress& progress);

}  // namespace classbook::demo
