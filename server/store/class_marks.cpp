// class_marks: one pass over the class's lessons (lessons_subject's index) with their marks.
#include "store/class_marks.hpp"

namespace classbook::store {

Result<std::vector<ClassMarkRow>> marks_of_class_term(Db& db, Id class_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT sub.id, sub.uuid, sub.name, COALESCE(m.student_id, 0), COALESCE(m.value, 0), COALESCE(m.work_type_id, 0) "
      "FROM lessons l JOIN subjects sub ON sub.id = l.subject_id "
      "LEFT JOIN marks m ON m.lesson_id = l.id AND m.deleted_at IS NULL "
      "WHERE l.class_id=? AND l.date BETWEEN ? AND ? ORDER BY sub.name, sub.id");
  q.bind(1, class_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to));
  return q.all([](Stmt& r) {
    return ClassMarkRow{r.i64(0), r.text(1), r.text(2), r.i64(3), r.i32(4), r.i64(5)};
  });
}

}  // namespace classbook::store
