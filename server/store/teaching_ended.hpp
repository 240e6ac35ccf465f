// teaching_ended: when a teacher stopped teaching a class × subject (kept by triggers on `teaching`,
// migration 6), for the policy's grace period on a former teacher's journal.
#pragma once

#include <optional>

#include "domain/calendar.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// The school day the assignment ended, or none: never assigned, or assigned again since.
Result<std::optional<domain::Date>> teaching_ended_on(Db& db, Id teacher_id, Id class_id, Id subject_id);

}  // namespace classbook::store
