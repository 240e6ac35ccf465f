// outbox_batch: see the header.
#include "sync/outbox_batch.hpp"

namespace classbook::sync {

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
