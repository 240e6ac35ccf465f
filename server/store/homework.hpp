// homework: a pupil's homework over a span of lesson dates, for the web app's homework list.
#pragma once

#include <optional>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// The homework of the class's lessons dated from..to (inclusive) that the pupil's subgroup attends
// (group 0 is the whole class), by lesson date and period; optionally one subject, or only
// mandatory (or only optional) items.
Result<std::vector<PupilHomeworkRecord>> homework_of_pupil(Db& db, Id class_id, int group_no, domain::Date from,
                                                           domain::Date to, std::optional<Id> subject_id,
                                                           std::optional<bool> mandatory);

}  // namespace classbook::store
