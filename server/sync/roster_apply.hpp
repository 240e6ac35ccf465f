// roster_apply: a roster plan made real inside one writer job — the rows, their portal links, the audit
// (actor 0, "the box"), the `portal_link` outbox rows that tell the portal which of its objects the box
// already had, the refusals, and the high-water marks of the collections read. One job: a cut or a
// failure leaves nothing of it, and the marks move only with the changes they stand for.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "store/writer.hpp"
#include "sync/roster_plan.hpp"

namespace classbook::sync {

struct RosterTally {
  std::size_t created = 0, updated = 0, linked = 0, left = 0, guardian_links = 0, teaching = 0, refused = 0;
  std::size_t total() const { return created + updated + linked + left + guardian_links + teaching; }
};

// `marks`: collection → high-water mark to store with the changes (a collection not named keeps its
// mark). A pupil who left is recorded as leaving on the school's date of the job (settings'
// utc_offset_minutes). Refusals are kept in sync_refusals (seq 0) and logged by the caller.
Result<RosterTally> apply_roster_plan(store::WriteContext& w, const RosterPlan& plan,
                                      const std::map<std::string, std::string>& marks);

// The planner's input as the box holds it now (read inside the writer job, so nothing moves between
// the plan and its writing).
Result<RosterPlan> plan_against_box(store::Db& db, const PortalRoster& portal);

}  // namespace classbook::sync
