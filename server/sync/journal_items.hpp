// journal_items: one outbox row (or a snapshot row in its shape) as one batch item of
// docs/sync-protocol.md — kind, op, sourcedId and the OneRoster 1.2 object in the standard's field
// names. The whole mapping is this file's; rows the portal does not take from the box (the roster
// and the timetable, which the portal owns) map to nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "classbook/common/result.hpp"
#include "store/sync_state.hpp"

namespace classbook::sync {

struct BatchItem {
  std::int64_t seq = 0;
  std::string kind;        // "result", "attendance", "lesson", "homework", "termGrade", "tap", "absenceNotice", "acknowledgement"
  std::string op;          // "upsert" or "delete"
  std::string sourced_id;
  std::string json;        // the whole item, {"seq":…,"kind":…,"op":…,"sourcedId":…,"object":{…}}
};

// The item for `row`, none for a row the portal does not take, or why the row cannot be sent
// (a payload that is not what its entity writes: sync.item_unmappable). `fallback_time` stands for
// dateLastModified when the row has no time of its own (a snapshot's lessons).
Result<std::optional<BatchItem>> journal_item(const store::OutboxRow& row, std::string_view fallback_time);

}  // namespace classbook::sync
