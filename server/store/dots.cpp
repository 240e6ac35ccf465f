// dots: SQL for a dot's changes of state, with RETURNING so one statement both changes and names them.
#include "store/dots.hpp"

namespace classbook::store {

Result<std::vector<std::string>> convert_open_dots(Db& db, Id student_id, Id lesson_id, Id mark_id) {
  auto& q = db.prepare(
      "UPDATE dots SET state='converted', mark_id=? WHERE student_id=? AND state='open' AND lesson_id IN "
      "(SELECT o.id FROM lessons o JOIN lessons m ON m.id=? WHERE o.class_id=m.class_id AND o.subject_id=m.subject_id "
      "AND o.date <= m.date) RETURNING uuid");
  q.bind(1, mark_id).bind(2, student_id).bind(3, lesson_id);
  return q.all([](Stmt& r) { return r.text(0); });
}

Result<std::optional<std::string>> close_open_dot(Db& db, Id dot_id, std::string_view state) {
  auto& q = db.prepare("UPDATE dots SET state=? WHERE id=? AND state='open' RETURNING uuid");
  q.bind(1, state).bind(2, dot_id);
  return q.first([](Stmt& r) { return r.text(0); });
}

}  // namespace classbook::store
