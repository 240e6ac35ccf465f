// weeks: the journal of the demo weeks — lessons, homework, marks, attendance, taps, notices, dots.
#pragma once

#include "demo/school_model.hpp"
#include "store/db.hpp"

namespace classbook::demo {

// Whether the school teaches on `day`: Monday to Friday, not a public holiday, and not in the holidays
// between the terms of the configured academic year (days outside that year are all taught).
bool is_school_day(const School& s, domain::Date day);

// Writes opt.weeks weeks from opt.first_monday in a few transactions of whole weeks, reporting
// ("weeks", done, total) after each week. Only the current week is held in memory.
Status insert_weeks(store::Db& db, const DemoOptions& opt, School& s, const DemoProgress& progress);

}  // namespace classbook::demo
