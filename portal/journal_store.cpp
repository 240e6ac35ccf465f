// journal_store: reads over anchors, clients and batches.
#include "journal_store.hpp"

namespace classbook::portal {
namespace json = boost::json;

Result<AnchorPage> read_anchors(Db& db, const std::string& client_id, std::int64_t limit, std::int64_t offset) {
  AnchorPage page;
  auto count = db.prepare("SELECT count(*) FROM anchors WHERE client_id = ?");
  if (!count) return count.error();
  count->bind(1, client_id);
  if (auto r = count->step(); !r) return r.error();
  page.total = count->int64(0);
  auto q = db.prepare("SELECT seq, hash, at, received_at FROM anchors WHERE client_id = ? ORDER BY seq LIMIT ? OFFSET ?");
  if (!q) return q.error();
  q->bind(1, client_id).bind(2, limit).bind(3, offset);
  for (;;) {
    auto r = q->step();
    if (!r) return r.error();
    if (!*r) break;
    page.anchors.push_back(json::object{{"seq", q->int64(0)}, {"hash", q->text(1)}, {"at", q->text(2)}, {"receivedAt", q->text(3)}});
  }
  return page;
}

Result<json::object> portal_summary(Db& db) {
  auto q = db.prepare(
      "SELECT c.client_id, c.org_sourced_id, c.acknowledged_through, coalesce(c.box_id,''), coalesce(c.box_key_id,''), "
      "coalesce(c.pinned_at,''), (SELECT count(*) FROM batches b WHERE b.client_id = c.client_id), "
      "(SELECT count(*) FROM anchors a WHERE a.client_id = c.client_id) FROM clients c ORDER BY c.client_id");
  if (!q) return q.error();
  json::array clients;
  for (;;) {
    auto r = q->step();
    if (!r) return r.error();
    if (!*r) break;
    clients.push_back(json::object{{"client_id", q->text(0)},      {"school", q->text(1)},
                                   {"acknowledged_through", q->int64(2)}, {"box", q->text(3)},
                                   {"pinned_key_id", q->text(4)},   {"pinned_at", q->text(5)},
                                   {"batches", q->int64(6)},        {"anchors", q->int64(7)}});
  }
  auto journal = db.prepare("SELECT kind, count(*) FROM journal GROUP BY kind ORDER BY kind");
  if (!journal) return journal.error();
  json::object counts;
  for (;;) {
    auto r = journal->step();
    if (!r) return r.error();
    if (!*r) break;
    counts[journal->text(0)] = journal->int64(1);
  }
  return json::object{{"clients", std::move(clients)}, {"journal", std::move(counts)}};
}

}  // namespace classbook::portal
