// reports: one grouped query per figure; marks are streamed rather than grouped in SQL, so a year's
// million marks cost one pass and no sort.
#include "store/reports.hpp"

namespace classbook::store {

Result<std::vector<ReportClass>> classes_for_report(Db& db, Id class_id) {
  auto& q = db.prepare("SELECT id, uuid, name, grade FROM classes WHERE (?1 = 0 OR id = ?1) ORDER BY grade, name");
  q.bind(1, class_id);
  return q.all([](Stmt& r) { return ReportClass{r.i64(0), r.text(1), r.text(2), r.i32(3)}; });
}

Result<std::vector<ReportPupil>> pupils_for_report(Db& db, Id class_id) {
  auto& q = db.prepare(
      "SELECT id, uuid, last_name || ' ' || first_name, class_id, coalesce(left_on, '') FROM students "
      "WHERE (?1 = 0 OR class_id = ?1) ORDER BY last_name, first_name, id");
  q.bind(1, class_id);
  return q.all([](Stmt& r) { return ReportPupil{r.i64(0), r.text(1), r.text(2), r.i64(3), r.text(4)}; });
}

Result<std::vector<AttendanceDayCounts>> attendance_by_class_day(Db& db, domain::Date from, domain::Date to, Id class_id) {
  // Lessons and their register in one pass over the span's lessons; the register's rows by the
  // attendance table's key (lesson, pupil).
  auto& q = db.prepare(R"SQL(
SELECT l.class_id, l.date, count(DISTINCT l.id),
  coalesce(sum(x.presence = 'absent_unexcused'), 0), coalesce(sum(x.presence = 'absent_excused'), 0),
  coalesce(sum(x.presence = 'absent_illness'), 0), coalesce(sum(x.presence = 'late'), 0)
FROM lessons l LEFT JOIN attendance x ON x.lesson_id = l.id
WHERE l.date BETWEEN ?1 AND ?2 AND l.cancelled = 0 AND (?3 = 0 OR l.class_id = ?3)
GROUP BY l.class_id, l.date ORDER BY l.class_id, l.date
)SQL");
  q.bind(1, domain::format_date(from)).bind(2, domain::format_date(to)).bind(3, class_id);
  return q.all([](Stmt& r) {
    return AttendanceDayCounts{r.i64(0), r.text(1), r.i32(2), r.i32(3), r.i32(4), r.i32(5), r.i32(6)};
  });
}

Result<std::vector<PupilAbsences>> absences_by_pupil(Db& db, domain::Date from, domain::Date to, Id class_id) {
  auto& q = db.prepare(R"SQL(
SELECT x.student_id, sum(x.presence = 'absent_unexcused'), sum(x.presence = 'absent_excused'),
  sum(x.presence = 'absent_illness')
FROM lessons l JOIN attendance x ON x.lesson_id = l.id
WHERE l.date BETWEEN ?1 AND ?2 AND l.cancelled = 0 AND (?3 = 0 OR l.class_id = ?3)
  AND x.presence IN ('absent_unexcused', 'absent_excused', 'absent_illness')
GROUP BY x.student_id
)SQL");
  q.bind(1, domain::format_date(from)).bind(2, domain::format_date(to)).bind(3, class_id);
  return q.all([](Stmt& r) { return PupilAbsences{r.i64(0), r.i32(1), r.i32(2), r.i32(3)}; });
}

Status each_mark_for_report(Db& db, domain::Date from, domain::Date to, Id class_id,
                            const std::function<void(const ReportMark&)>& each) {
  // As the class's averages count them (store/class_marks): every mark of the span's lessons. The
  // school's come from marks_student_week (migration 8), which holds every mark column read here in
  // pupil order: no sort and no lookup in the marks table (through the lessons' side, each mark was
  // a random page of it: ~1.5 s against ~1.1 s for a year, measured in sqlite3). One class's marks
  // are few; SQLite sorts them.
  constexpr const char* school = R"SQL(
SELECT l.class_id, l.subject_id, m.student_id, m.work_type_id, m.value
FROM marks m INDEXED BY marks_student_week JOIN lessons l ON l.id = m.lesson_id
WHERE l.date BETWEEN ?1 AND ?2 AND m.deleted_at IS NULL ORDER BY m.student_id
)SQL";
  constexpr const char* one_class = R"SQL(
SELECT l.class_id, l.subject_id, m.student_id, m.work_type_id, m.value
FROM lessons l JOIN marks m ON m.lesson_id = l.id
WHERE l.date BETWEEN ?1 AND ?2 AND l.class_id = ?3 AND m.deleted_at IS NULL ORDER BY m.student_id
)SQL";
  auto& q = db.prepare(class_id ? one_class : school);
  q.bind(1, domain::format_date(from)).bind(2, domain::format_date(to));
  if (class_id) q.bind(3, class_id);
  return q.each([&](Stmt& r) { each(ReportMark{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i32(4)}); });
}

Result<std::vector<SubjectName>> subjects_for_report(Db& db) {
  auto& q = db.prepare("SELECT id, uuid, name FROM subjects ORDER BY name");
  return q.all([](Stmt& r) { return SubjectName{r.i64(0), r.text(1), r.text(2)}; });
}

Result<std::vector<TermGradeCount>> term_grades_for_report(Db& db, const std::vector<int>& terms, Id class_id) {
  std::vector<TermGradeCount> out;
  for (int term : terms) {
    auto& q = db.prepare(R"SQL(
SELECT s.class_id, g.subject_id, g.grade, count(*) FROM term_grades g JOIN students s ON s.id = g.student_id
WHERE g.term = ?1 AND (?2 = 0 OR s.class_id = ?2) GROUP BY s.class_id, g.subject_id, g.grade
)SQL");
    q.bind(1, term).bind(2, class_id);
    if (auto st = q.each([&](Stmt& r) { out.push_back({r.i64(0), r.i64(1), r.i32(2), r.i32(3)}); }); !st) return st.error();
  }
  return out;
}

}  // namespace classbook::store
