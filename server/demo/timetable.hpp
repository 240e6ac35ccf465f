// timetable: the bell schedule and a weekly timetable that gives each class its curriculum hours.
#pragma once

#include "demo/school_model.hpp"
#include "store/db.hpp"

namespace classbook::demo {

// The bells of a five-day week: periods_per_day lessons of 45 minutes from 08:30, with longer
// breaks for breakfast and lunch.
std::vector<BellPeriod> weekday_bells();

// Fills s.grid so that no teacher is in two classes at once; hours that find no slot are dropped
// and counted in s.dropped_hours. Touches no database.
void plan_timetable(const DemoOptions& opt, School& s, const DemoProgress& progress);

// Writes bell_periods, bell_variants and timetable. Runs inside the caller's transaction.
Status insert_timetable(store::Db& db, const School& s);

}  // namespace classbook::demo
