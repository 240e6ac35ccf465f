// roster: the school's people — planned in memory first, then written with a user for everyone.
#pragma once

#include "demo/school_model.hpp"
#include "store/db.hpp"

namespace classbook::demo {

// Decides classes, courses and their teachers, pupils and their families; touches no database.
void plan_school(const DemoOptions& opt, School& s);

// Writes what plan_school decided (subjects, curriculum, rooms, teachers, classes, pupils, guardians,
// teaching) and a user for every person, whose password hash comes later. Ids are filled into `s`,
// the accounts into `s.accounts`. Runs inside the caller's transaction.
Status insert_roster(store::Db& db, const DemoOptions& opt, School& s, const DemoProgress& progress);

}  // namespace classbook::demo
