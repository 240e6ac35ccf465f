// outbox_batch: outbox rows gathered into one batch — shared by the online push and the offline
// file (classbookctl export-outbox), so both send exactly the same batches under the same keys.
#pragma once

#include <string>
#include <vector>

#include "store/sync_state.hpp"
#include "store/writer.hpp"
#include "sync/batch.hpp"

namespace classbook::sync {

// Fills `batch` from `rows` (seq order) as far as it fits. A row the portal does not take is covered
// (its seq inside the batch's range, no item); one that cannot be mapped is covered and listed in
// `unmappable` with its reason. The rows after the first that does not fit wait for the next batch.
void fill_batch(const std::vector<store::OutboxRow>& rows, const std::string& now, Batch& batch,
                std::vector<store::SyncRefusal>& unmappable);

// The box's sync identity (the `box` of every batch), made on first use, in one writer job; with
// `attempt_at` the same job records the attempt (the push's, not the file's).
Result<std::string> sync_identity(store::Writer& writer, const std::string& attempt_at = "");

}  // namespace classbook::sync
