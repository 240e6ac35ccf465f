// batch_apply: one batch of the box's journal (docs/sync-protocol.md § Journal out) applied in one
// write transaction — idempotency key, cursor and gap, pinned signature, items one by one, anchor.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "classbook/common/clock.hpp"
#include "db.hpp"

namespace classbook::portal {

inline constexpr std::size_t kMaxBatchItems = 5000;           // the box's own limits, as named in the contract
inline constexpr std::size_t kMaxBatchBodyBytes = 4 << 20;    // 4 MiB of JSON (plus the key on the first batch)
inline constexpr std::size_t kMaxBatchSlackBytes = 16 << 10;  // room for "key" and the envelope

// Item kinds and the collection each is read back from (gradebook's three, then the extension's).
struct JournalKind {
  std::string_view kind;        // as in a batch item
  std::string_view collection;  // as in a URL
};
// `lesson` is the extension's own kind (docs/sync.md § Extension): a lesson of the timetable as held,
// which OneRoster has no object for — a lineItem is a column of marks, one per lesson and work type.
inline constexpr std::array<JournalKind, 11> kJournalKinds = {{
    {"category", "categories"}, {"lineItem", "lineItems"}, {"result", "results"},
    {"termGrade", "termGrades"}, {"attendance", "attendance"}, {"lesson", "lessons"}, {"homework", "homework"},
    {"tap", "taps"}, {"absenceNotice", "absenceNotices"}, {"acknowledgement", "acknowledgements"}, {"link", "links"},
}};
const JournalKind* journal_kind_by_name(std::string_view kind);
const JournalKind* journal_kind_by_collection(std::string_view collection);

struct BatchRequest {
  std::string client_id;
  std::string idempotency_key;
  std::string signature_header;  // Classbook-Signature
  std::string body;              // the exact bytes that were signed
  std::string via;               // "https" or "import", kept with the answer
};

// What the portal answers: 200 (applied or already had it) or 409 (a gap). A batch that cannot be
// read or whose signature fails is an Error instead (400/403) and is not remembered under its key.
struct BatchAnswer {
  int http_status = 200;
  std::string body;  // JSON
  bool replayed = false;  // the same key was seen before: this is the stored answer
};

class BatchApplier {
 public:
  BatchApplier(Db& db, const Clock& clock) : db_(db), clock_(clock), arena_(std::make_unique<unsigned char[]>(kArenaBytes)) {}
  Result<BatchAnswer> apply(const BatchRequest& request);

 private:
  // A parsed batch of 1 MiB takes about 3 MiB of values; they live in this buffer, reused by every
  // batch, so parsing one costs no trip through malloc and freeing it nothing at all.
  static constexpr std::size_t kArenaBytes = 4 << 20;
  Db& db_;
  const Clock& clock_;
  std::unique_ptr<unsigned char[]> arena_;
};

Result<std::int64_t> acknowledged_through(Db& db, const std::string& client_id);

}  // namespace classbook::portal
