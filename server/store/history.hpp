// history: a mark's past values — the office's and the appeal's reads (the trail's search: store/audit_search).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// A mark with or without its deletion, and whose it is (for the policy, and for a POST sent again
// with the id of the mark it made).
struct MarkOwner {
  Id id = 0;
  std::optional<int> current_value;  // none once deleted
  std::string deleted_at, deleted_reason;
  Id student_id = 0, class_id = 0;
  Id set_by = 0;  // who put it
};
Result<std::optional<MarkOwner>> mark_owner(Db& db, std::string_view mark_uuid);

struct MarkHistoryRecord {
  int value = 0;
  Id work_type_id = 0;
  std::string comment, by, at, reason, op;
};
Result<std::vector<MarkHistoryRecord>> mark_history_of(Db& db, Id mark_id);  // oldest first

}  // namespace classbook::store
