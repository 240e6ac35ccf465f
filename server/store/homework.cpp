// homework: drives from the class's lessons in the span (lessons_subject's index) and joins each
// lesson's few items, as the diary's week read does.
#include "store/homework.hpp"

namespace classbook::store {

Result<std::vector<PupilHomeworkRecord>> homework_of_pupil(Db& db, Id class_id, int group_no, domain::Date from,
                                                           domain::Date to, std::optional<Id> subject_id,
                                                           std::optional<bool> mandatory) {
  // One statement for every filter (a NULL filter matches all), so the prepared-statement cache holds one.
  auto& q = db.prepare(
      "SELECT l.date, s.uuid, s.name, h.id, h.uuid, h.lesson_id, h.text, h.mandatory, h.due_date, h.created_at, "
      "h.revised_at FROM lessons l JOIN homework h ON h.lesson_id = l.id JOIN subjects s ON s.id = l.subject_id "
      "WHERE l.class_id=?1 AND l.date BETWEEN ?2 AND ?3 AND l.group_no IN (0, ?4) "
      "AND (?5 IS NULL OR l.subject_id = ?5) AND (?6 IS NULL OR h.mandatory = ?6) "
      "ORDER BY l.date, l.period, h.id");
  std::optional<std::int64_t> only_mandatory;
  if (mandatory) only_mandatory = *mandatory ? 1 : 0;
  q.bind(1, class_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to)).bind(4, group_no)
      .bind(5, subject_id).bind(6, only_mandatory);
  return q.all([](Stmt& r) {
    return PupilHomeworkRecord{r.text(0), r.text(1), r.text(2),
                               HomeworkRecord{r.i64(3), r.text(4), r.i64(5), r.text(6), r.i32(7) != 0, r.text(8),
                                              r.text(9), r.text(10)}};
  });
}

}  // namespace classbook::store
