// import_file: `classbook-portal --data DIR import FILE` — the box's exported outbox (a zip of
// manifest.json and signed batch files) applied exactly as the same batches arriving online.
#pragma once

#include <string>

#include "batch_apply.hpp"

namespace classbook::portal {

inline constexpr std::size_t kMaxImportEntryBytes = 4 << 20;
inline constexpr std::string_view kOutboxFormat = "classbook-outbox/1";

struct ImportReport {
  std::int64_t batches = 0;          // applied now
  std::int64_t already_had = 0;      // their Idempotency-Key was seen before
  std::int64_t acknowledged_through = 0;
};

// Stops at the first batch the portal refuses (a gap, a bad signature): what came before stays
// applied, and the message names the batch.
Result<ImportReport> import_outbox_file(Db& db, BatchApplier& applier, const std::string& path);

}  // namespace classbook::portal
