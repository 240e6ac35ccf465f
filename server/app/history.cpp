// history: mark history rows and audit pages, each behind the policy.
#include "app/history.hpp"

#include "classbook/common/crypto.hpp"
#include "store/people.hpp"

namespace classbook::app {

Result<MarkHistoryView> mark_history(Context& ctx, const domain::Actor& actor, std::string_view mark_id) {
  if (!is_uuid(mark_id)) return make_error(Errc::not_found, "no such mark", "mark_id");
  auto db = ctx.readers.acquire();
  auto& m = db->prepare(
      "SELECT m.id, m.value, m.deleted_at, m.deleted_reason, s.id, s.class_id FROM marks m "
      "JOIN students s ON s.id = m.student_id WHERE m.uuid=?");
  m.bind(1, mark_id);
  if (!m.step()) return make_error(Errc::not_found, "no such mark", "mark_id");
  const Id id = m.i64(0);
  MarkHistoryView view;
  view.mark_id = std::string(mark_id);
  if (m.is_null(2)) view.current_value = m.i32(1);
  view.deleted_at = m.opt_text(2).value_or("");
  view.deleted_reason = m.opt_text(3).value_or("");
  const Id student = m.i64(4), klass = m.i64(5);
  m.run();
  if (auto d = domain::decide(actor, domain::Action::read_student, {student, klass, 0}); !d)
    return make_error(Errc::forbidden, d.reason);
  auto& h = db->prepare(
      "SELECT h.value, h.work_type_id, h.comment, coalesce(u.display_name, ''), h.replaced_at, h.reason, h.op "
      "FROM mark_history h LEFT JOIN users u ON u.id = h.replaced_by_user WHERE h.mark_id=? ORDER BY h.id");
  h.bind(1, id);
  while (h.step()) {
    const auto* wt = ctx.settings.work_type(h.i64(1));
    view.entries.push_back({h.i32(0), wt ? wt->type.code : "", h.text(2), h.text(3), h.text(4), h.text(5), h.text(6)});
  }
  return view;
}

Result<AuditPage> audit_trail(Context& ctx, const domain::Actor& actor, std::string_view entity, long long after,
                              std::size_t limit) {
  if (auto d = domain::decide(actor, domain::Action::read_all, {}); !d) return make_error(Errc::forbidden, d.reason);
  if (limit == 0 || limit > max_audit_page) limit = max_audit_page;
  auto db = ctx.readers.acquire();
  auto& q = db->prepare(
      "SELECT a.seq, a.at, CASE WHEN a.actor_user = 0 THEN 'the box' ELSE coalesce(u.display_name, 'kiosk ' || a.actor_user) END, a.entity, a.uuid, a.action, a.before, a.after "
      "FROM audit a LEFT JOIN users u ON u.id = a.actor_user "
      "WHERE a.seq > ? AND (? = '' OR a.entity = ?) ORDER BY a.seq LIMIT ?");
  q.bind(1, static_cast<std::int64_t>(after)).bind(2, entity).bind(3, entity).bind(4, static_cast<std::int64_t>(limit));
  AuditPage page;
  while (q.step())
    page.rows.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)});
  if (page.rows.size() == limit) page.next_after = page.rows.back().seq;
  return page;
}

}  // namespace classbook::app
