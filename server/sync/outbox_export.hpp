// outbox_export: `classbookctl export-outbox --to FILE` — what the portal has not acknowledged, as the
// signed zip of docs/sync-protocol.md § "Offline by file" that `classbook-portal import` reads
// (portal/import_file.cpp): manifest.json {"format": "classbook-outbox/1", "box", "school",
// "batches": [{"file", "idempotency_key", "signature"}]} and each batch-<first>-<last>.json, the exact
// bytes an online push would POST under that key. Written to a temporary file and renamed: the
// file named is whole or absent, never half written.
#pragma once

#include <cstdint>
#include <string>

#include "classbook/common/clock.hpp"
#include "store/writer.hpp"
#include "sync/sync_key.hpp"

namespace classbook::sync {

constexpr const char* outbox_file_format = "classbook-outbox/1";

struct OutboxExport {
  std::int64_t batches = 0;
  std::int64_t items = 0;
  std::int64_t unmappable = 0;  // rows no item can be made of: left out (the online push lists them as refused)
  std::int64_t first_seq = 0, last_seq = 0;  // the outbox range the file covers; 0, 0 when nothing waits
};

// Refuses (sync.first_push_online) while the box owes the portal its first full push: that goes online.
Result<OutboxExport> export_outbox(const std::string& database, store::Writer& writer, const Clock& clock,
                                   const SyncKey& key, const std::string& school, const std::string& to_file);

}  // namespace classbook::sync
