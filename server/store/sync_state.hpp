// sync_state: what the box knows of its exchange with the city portal (issue 13) — the acknowledged
// outbox cursor, the last attempt, success and error, the first full push's progress, the items the
// portal refused — and the reads the sync client ships from: the outbox after the cursor, the
// journal as a snapshot, the audit chain's head.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace classbook::store {

// Refusals kept for people to read; older ones go (the sync log has them all).
constexpr std::size_t max_sync_refusals_kept = 1000;

struct SyncState {
  std::string box_uuid;                       // made on the first sync; "" before
  std::int64_t acknowledged_through = 0;      // outbox seq the portal holds durably
  std::optional<std::string> last_attempt_at;
  std::optional<std::string> last_success_at;
  std::optional<std::string> last_error;      // in plain words; cleared by a success
  std::optional<std::string> last_error_at;
  bool snapshot_done = false;                 // the first full push finished (or was not needed)
  bool snapshot_started = false;              // S is fixed: a run of the snapshot began (migration 25)
  std::int64_t snapshot_outbox_seq = 0;       // S: the outbox seq the snapshot was read with
  std::int64_t snapshot_sent = 0;             // the synthetic number of the last snapshot item the portal acknowledged
  int snapshot_part = 0;                      // where the snapshot resumes: the part …
  std::string snapshot_key;                   // … and the key of the last row acknowledged in it (JSON array)
  std::optional<std::string> anchor_seq_at;   // the audit head sent with the last success: "seq hash at"
};

// One row of the outbox, or one journal row of the snapshot in the outbox's shape.
struct OutboxRow {
  std::int64_t seq = 0;
  std::string entity;   // "mark", "attendance", "lesson", "term_grade", "tap", "absence_notice", …
  std::string uuid;     // the outbox's key of the object
  std::string op;       // "upsert", "create", "delete"
  std::string payload;  // JSON text
  std::string created_at;
};

struct SyncRefusal {
  std::int64_t seq = 0;
  std::string reason;
  std::string at;
};

struct AuditHead {
  std::int64_t seq = 0;  // 0: the trail is empty
  std::string hash;
  std::string at;
};

Result<SyncState> read_sync_state(Db& db);
// Sets the box's sync identity if it has none yet; the one it has is returned either way.
Result<std::string> ensure_sync_box_uuid(Db& db, const std::string& fresh_uuid);
// A 200 from the portal: the cursor moves and the attempt counts as a success (one writer job).
Status record_sync_acknowledged(Db& db, std::int64_t through, const std::string& at, const std::string& anchor);
// The portal says it holds more than the box knows (an imported outbox file): the cursor moves up to
// it, never down; nothing else changes.
Status record_portal_cursor(Db& db, std::int64_t through);
Status record_sync_attempt(Db& db, const std::string& at);
Status record_sync_error(Db& db, const std::string& at, const std::string& error);
Status record_sync_success(Db& db, const std::string& at);
Status record_sync_refusals(Db& db, const std::vector<SyncRefusal>& refused);
Status record_snapshot_progress(Db& db, std::int64_t outbox_seq, std::int64_t sent, int part, const std::string& key);
// The snapshot begins at S: kept before its first batch goes, so that a cut run resumes with the same S.
Status record_snapshot_start(Db& db, std::int64_t outbox_seq);
// The snapshot is finished: the cursor becomes its outbox seq S.
Status record_snapshot_done(Db& db, std::int64_t outbox_seq, const std::string& at);
Result<std::vector<SyncRefusal>> sync_refusals(Db& db, std::size_t limit);

// Up to `limit` outbox rows with seq > after, in seq order.
Result<std::vector<OutboxRow>> outbox_after(Db& db, std::int64_t after, std::size_t limit);
Result<std::int64_t> outbox_count_after(Db& db, std::int64_t after);
Result<std::int64_t> outbox_max_seq(Db& db);
Result<AuditHead> audit_head(Db& db);
Result<std::optional<AuditHead>> audit_entry_at(Db& db, std::int64_t seq);

// The first full push. The parts of the journal in a fixed order, each read in its key's order.
constexpr int snapshot_parts = 9;
// Does the journal hold anything a snapshot would send?
Result<bool> journal_has_rows(Db& db);
// Journal rows in the outbox's shape (seq 0; created_at is the row's last change), from part
// `part` after `key` ("" = from its start) on. `each(row, part, key)` returns false to stop.
// Call inside one read transaction together with outbox_max_seq.
Status each_snapshot_row(Db& db, int part, const std::string& key,
                         const std::function<bool(const OutboxRow&, int, const std::string&)>& each);
Result<std::int64_t> snapshot_row_count(Db& db);

}  // namespace classbook::store
