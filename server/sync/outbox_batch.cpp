// outbox_batch: see the header.
#include "sync/outbox_batch.hpp"

#include "classbook/common/crypto.hpp"

namespace classbook::sync {

Result<std::string> sync_identity(store::Writer& writer, const std::string& attempt_at) {
  std::string box;
  if (auto s = writer.run([&](store::WriteContext& w) -> Status {
        if (!attempt_at.empty())
          if (auto s2 = store::record_sync_attempt(w.db, attempt_at); !s2) return s2;
        auto b = store::ensure_sync_box_uuid(w.db, new_uuid());
        if (!b) return b.error();
        box = *b;
        return ok_status();
      });
      !s)
    return s.error();
  return box;
}

void fill_batch(const std::vector<store::OutboxRow>& rows, const std::string& now, Batch& batch,
                std::vector<store::SyncRefusal>& unmappable) {
  for (const auto& row : rows) {
    auto item = journal_item(row, now);
    if (!item) {
      unmappable.push_back({row.seq, item.error().message, now});
      batch.cover(row.seq);
    } else if (!*item) {
      batch.cover(row.seq);
    } else if (batch.fits(**item)) {
      batch.add(std::move(**item));
    } else if (batch.count() == 0) {
      unmappable.push_back({row.seq, "the item is larger than a whole batch (" + std::to_string(batch_max_bytes) + " bytes); it is not sent", now});
      batch.cover(row.seq);
    } else {
      return;
    }
  }
}

}  // namespace classbook::sync
