// dots: a dot's (work owed) changes of state, each returning the dots it changed so that the
// caller can write them to the audit trail.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// Inside a mark's writer job: the pupil's open dots in the mark's class and subject, on or before
// its lesson, become this mark. Returns the uuids of the dots converted.
Result<std::vector<std::string>> convert_open_dots(Db& db, Id student_id, Id lesson_id, Id mark_id);

// An open dot takes `state` ("expired", "cancelled"). Returns its uuid, or nothing when it was
// no longer open.
Result<std::optional<std::string>> close_open_dot(Db& db, Id dot_id, std::string_view state);

}  // namespace classbook::store
