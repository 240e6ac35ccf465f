// history: a mark's past values and the audit trail as pages — the office's and the appeal's reads.
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

struct AuditRecord {
  long long seq = 0;
  std::string at, actor, entity, uuid, action, before, after;
};
// Entries after `after` (a seq), of one entity kind or all when empty, at most `limit`.
Result<std::vector<AuditRecord>> audit_page(Db& db, std::string_view entity, long long after, long long limit);

}  // namespace classbook::store
