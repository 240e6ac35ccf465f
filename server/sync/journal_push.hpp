// journal_push: journal out — the outbox shipped to the portal in signed batches after the
// acknowledged cursor (and, on a box that never synced, the snapshot of the journal first), with
// retries and back-off; the cursor moves only on the portal's 200, in one writer job.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "classbook/common/clock.hpp"
#include "store/sync_state.hpp"
#include "store/writer.hpp"
#include "sync/backoff.hpp"
#include "sync/batch.hpp"
#include "sync/portal_transport.hpp"
#include "sync/sync_key.hpp"
#include "sync/token_source.hpp"

namespace classbook::sync {

// Failed attempts at one batch before the run gives up (and the nightly runner tries again later):
// with the back-off's ceilings 1, 2, 4 … 128 s that is about four minutes of trying at most.
constexpr int max_attempts_per_batch = 8;
// 409s in a row before the run gives up: a portal that keeps moving the start is broken.
constexpr int max_restarts_per_run = 3;

struct PushProgress {
  std::int64_t items_sent = 0;   // items (and rows the portal does not take) handed over this run
  std::int64_t items_total = 0;  // what this run has to hand over, as counted at its start
  std::int64_t batch = 0;        // batches acknowledged this run
  std::int64_t acknowledged_through = 0;
  bool snapshot = false;         // the first full push is running
};

struct PushReport {
  std::int64_t batches = 0;
  std::int64_t items = 0;          // items sent and acknowledged
  std::int64_t refused = 0;        // items the portal (or the mapping) refused
  std::int64_t snapshot_items = 0;
  std::int64_t acknowledged_through = 0;
};

struct PushParts {
  PortalTransport& transport;
  TokenSource& tokens;
  Backoff& backoff;
  const Clock& clock;
  std::function<void(std::chrono::milliseconds)> wait;  // sleeps (tests: advance a FakeClock)
  std::function<bool()> stopping = [] { return false; };
};

class JournalPush {
 public:
  JournalPush(PushParts parts, store::Writer& writer, std::string database, const SyncKey& key, std::string school);
  // One run: everything waiting, or the error that stopped it (also recorded in the sync state).
  Result<PushReport> run(const std::function<void(const PushProgress&)>& progress = {});

 private:
  struct Answer {
    int status = 0;                    // 200 or 409
    std::int64_t acknowledged_through = 0;
    std::int64_t expected_first_seq = 0;
    std::vector<store::SyncRefusal> refused;
  };
  // Sends one batch until the portal answers it (200 or 409) or the attempts run out. `range`: the
  // batch's first and last seq — a refusal must name one of them.
  Result<Answer> deliver(const std::string& key, const std::string& body, std::pair<std::int64_t, std::int64_t> range);
  // Why the answer cannot be taken ("" when it can); fills `a`. All or nothing: a bad refusal spoils it.
  std::string read_answer(const boost::json::object& o, const char* field, std::pair<std::int64_t, std::int64_t> range,
                          Answer& a) const;
  Status push_snapshot(store::Db& db, const store::SyncState& state, const std::function<void(const PushProgress&)>& progress);
  // The portal's acknowledged cursor (GET …/cursor).
  Result<std::int64_t> portal_cursor();
  // A box whose cursor is behind the portal's moves up to it before sending anything.
  Status adopt_portal_cursor(store::Db& db, std::int64_t local);
  // One batch of the outbox from seq `next` on, mapped (an empty batch: nothing is left), with the
  // rows the box cannot map and the audit head it carries.
  struct OutboxBatch {
    Batch batch;
    std::vector<store::SyncRefusal> unmappable;
    store::AuditHead head;
  };
  Result<OutboxBatch> read_outbox_batch(store::Db& db, std::int64_t next) const;
  Status push_outbox(store::Db& db, const std::function<void(const PushProgress&)>& progress);
  std::string anchor_text(const store::AuditHead& h) const;
  Status record_error(const Error& e);

  PushParts parts_;
  store::Writer& writer_;
  std::string database_;
  const SyncKey& key_;
  std::string school_;
  std::string box_;
  bool key_sent_ = false;
  PushReport report_;
  PushProgress shown_;
};

}  // namespace classbook::sync
