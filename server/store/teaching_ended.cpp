// teaching_ended: SQL for the end dates of teaching assignments.
#include "store/teaching_ended.hpp"

namespace classbook::store {

Result<std::optional<domain::Date>> teaching_ended_on(Db& db, Id teacher_id, Id class_id, Id subject_id) {
  auto& q = db.prepare("SELECT ended_on FROM teaching_ended WHERE teacher_id=? AND class_id=? AND subject_id=?");
  q.bind(1, teacher_id).bind(2, class_id).bind(3, subject_id);
  auto ended = q.first([](Stmt& r) { return domain::parse_date(r.text(0)); });
  if (!ended) return ended.error();
  return *ended ? **ended : std::optional<domain::Date>{};
}

}  // namespace classbook::store
