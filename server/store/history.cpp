// history: SQL for a mark's history.
#include "store/history.hpp"

namespace classbook::store {

Result<std::optional<MarkOwner>> mark_owner(Db& db, std::string_view mark_uuid) {
  auto& q = db.prepare(
      "SELECT m.id, m.value, m.deleted_at, m.deleted_reason, s.id, s.class_id, m.set_by FROM marks m "
      "JOIN students s ON s.id = m.student_id WHERE m.uuid=?");
  q.bind(1, mark_uuid);
  return q.first([](Stmt& r) {
    MarkOwner m;
    m.id = r.i64(0);
    if (r.is_null(2)) m.current_value = r.i32(1);
    m.deleted_at = r.opt_text(2).value_or("");
    m.deleted_reason = r.opt_text(3).value_or("");
    m.student_id = r.i64(4);
    m.class_id = r.i64(5);
    m.set_by = r.i64(6);
    return m;
  });
}

Result<std::vector<MarkHistoryRecord>> mark_history_of(Db& db, Id mark_id) {
  auto& q = db.prepare(
      "SELECT h.value, h.work_type_id, h.comment, coalesce(u.display_name, ''), h.replaced_at, h.reason, h.op "
      "FROM mark_history h LEFT JOIN users u ON u.id = h.replaced_by_user WHERE h.mark_id=? ORDER BY h.id");
  q.bind(1, mark_id);
  return q.all([](Stmt& r) {
    return MarkHistoryRecord{r.i32(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
  });
}

}  // namespace classbook::store
