// history: what changed and who changed it — a mark's earlier values for whoever may see the pupil
// (the director's search of the whole trail is app/audit_search).
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct MarkHistoryEntry {
  int value = 0;
  std::string work_type, comment, replaced_by, replaced_at, reason, op;  // op: "update" | "delete"
};
struct MarkHistoryView {
  std::string mark_id;
  std::optional<int> current_value;  // none once deleted
  std::string deleted_at, deleted_reason;
  std::vector<MarkHistoryEntry> entries;  // oldest first
};
Result<MarkHistoryView> mark_history(Context& ctx, const domain::Actor& actor, std::string_view mark_id);

}  // namespace classbook::app
