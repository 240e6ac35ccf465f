// extras: the school's noticeboard and inbox — announcements, events and teacher–parent threads.
#pragma once

#include "demo/school_model.hpp"
#include "store/db.hpp"

namespace classbook::demo {

// What week `index` (from 0, starting on `monday`) adds besides the journal. Runs inside the week's transaction.
Status insert_week_extras(store::Db& db, School& s, DemoRng& rng, int index, domain::Date monday);

}  // namespace classbook::demo
