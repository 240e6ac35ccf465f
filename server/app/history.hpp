// history: what changed and who changed it — a mark's earlier values for whoever may see the pupil,
// and the audit trail for the director.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr std::size_t max_audit_page = 500;

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

struct AuditRow {
  long long seq = 0;
  std::string at, actor, entity, uuid, action, before, after;
};
struct AuditPage {
  std::vector<AuditRow> rows;
  long long next_after = 0;  // pass as ?after= for the next page; 0 at the end
};
Result<AuditPage> audit_trail(Context& ctx, const domain::Actor& actor, std::string_view entity, long long after,
                              std::size_t limit);

}  // namespace classbook::app
