// batch: items gathered into one POST of docs/sync-protocol.md — up to batch_max_items items or
// batch_max_bytes of JSON, whichever comes first — and its body, written around the items' own text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sync_state.hpp"
#include "sync/journal_items.hpp"

namespace classbook::sync {

constexpr std::size_t batch_max_items = 1000;
constexpr std::size_t batch_max_bytes = 1 << 20;  // 1 MiB of JSON, the envelope included
// The first full push's snapshot batches are larger: a whole journal (3.6 million items in the bench
// school) goes in a fifth of the requests and commits, which cut the portal's CPU by about a third
// (docs/sync-protocol.md § Batches). A cut resends at most one of them.
constexpr std::size_t snapshot_batch_max_items = 5000;
constexpr std::size_t snapshot_batch_max_bytes = 4 << 20;
struct BatchLimits {
  std::size_t items = batch_max_items;
  std::size_t bytes = batch_max_bytes;
};
constexpr BatchLimits snapshot_batch_limits{snapshot_batch_max_items, snapshot_batch_max_bytes};
// Room kept for the envelope (ids, the chain head, the public key PEM).
constexpr std::size_t batch_envelope_bytes = 4096;

struct BatchMeta {
  std::string box;     // the box's sync uuid
  std::string school;  // the school org's sourcedId at the portal
  store::AuditHead chain_head;
  std::optional<std::string> key_pem;  // the box's public key, on the first batch of a run
  bool snapshot = false;
  std::int64_t outbox_through = 0;     // snapshot batches: S, the outbox seq the snapshot was read at
  bool final = false;                  // snapshot batches: the last one
};

// The synthetic seq of the snapshot's item number `index` (1, 2, …) read at outbox seq S =
// `outbox_through`: -(S + 1)·2³² + index. Negative, so it never meets a real outbox seq (the portal's
// cursor, max(cursor, last_seq), does not move on them), and apart for every S, so a snapshot read
// again at another S never reuses an Idempotency-Key whose stored answer would hide new content.
std::int64_t snapshot_seq(std::int64_t outbox_through, std::int64_t index);

class Batch {
 public:
  Batch() = default;
  explicit Batch(BatchLimits limits) : limits_(limits) {}
  // Does `item` still fit? An empty batch takes any item up to the byte limit.
  bool fits(const BatchItem& item) const;
  void add(BatchItem item);
  // Extends the batch's seq range to `seq` without an item (a row the portal does not take).
  void cover(std::int64_t seq);
  bool empty() const { return items_.empty() && first_ == 0; }
  std::size_t count() const { return items_.size(); }
  std::int64_t first_seq() const { return first_; }
  std::int64_t last_seq() const { return last_; }
  // <box>:<first seq>-<last seq>, the same for snapshot batches: their synthetic seqs are negative
  // and derived from S (snapshot_seq), so no key of one snapshot meets an outbox batch's or another
  // snapshot's.
  std::string idempotency_key(const std::string& box) const;
  std::string body(const BatchMeta& meta) const;
  void clear();

 private:
  BatchLimits limits_;
  std::vector<std::string> items_;
  std::size_t bytes_ = 0;
  std::int64_t first_ = 0, last_ = 0;
};

}  // namespace classbook::sync
