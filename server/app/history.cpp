// history: mark history rows behind the policy.
#include "app/history.hpp"

#include "classbook/common/crypto.hpp"
#include "store/history.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {

Result<MarkHistoryView> mark_history(Context& ctx, const domain::Actor& actor, std::string_view mark_id) {
  if (!is_uuid(mark_id)) return make_error(Errc::not_found, "mark.not_found", "no such mark", "mark_id");
  auto db = ctx.readers.acquire();
  const auto owner = store::mark_owner(*db, mark_id);
  if (!owner) return owner.error();
  if (!*owner) return make_error(Errc::not_found, "mark.not_found", "no such mark", "mark_id");
  const auto& m = **owner;
  if (auto d = domain::decide(actor, domain::Action::read_student, {m.student_id, m.class_id, 0}); !d)
    return make_error(Errc::forbidden, "pupil.not_visible", d.reason);
  MarkHistoryView view;
  view.mark_id = std::string(mark_id);
  view.current_value = m.current_value;
  view.deleted_at = m.deleted_at;
  view.deleted_reason = m.deleted_reason;
  const auto history = store::mark_history_of(*db, m.id);
  if (!history) return history.error();
  for (const auto& h : *history) {
    const auto* wt = ctx.settings().work_type(h.work_type_id);
    view.entries.push_back({h.value, wt ? wt->type.code : "", h.comment, h.by, h.at, h.reason, h.op});
  }
  return view;
}

}  // namespace classbook::app
