// community_pupils: SQL for what surrounds one pupil — the weekly behaviour note and the lessons and
// textbooks that fill the backpack (clubs: store/school_life.cpp).
#include "store/community.hpp"

namespace classbook::store {

Result<std::optional<BehaviourNoteRecord>> find_behaviour_note(Db& db, Id student_id, const std::string& week) {
  auto& q = db.prepare(
      "SELECT b.uuid, b.text, b.at, u.id, u.uuid, u.display_name, u.role FROM behaviour_notes b "
      "JOIN users u ON u.id = b.author_user WHERE b.student_id=? AND b.week=?");
  q.bind(1, student_id).bind(2, week);
  return q.first([](Stmt& r) {
    BehaviourNoteRecord n;
    n.uuid = r.text(0);
    n.text = r.text(1);
    n.at = r.text(2);
    n.author.user_id = r.i64(3);
    n.author.uuid = r.text(4);
    n.author.name = r.text(5);
    domain::parse_role(r.text(6), n.author.role);
    return n;
  });
}

Status put_behaviour_note(Db& db, Id student_id, const std::string& week, const BehaviourNoteRecord& note,
                          Id author_user) {
  return db.prepare(
             "INSERT INTO behaviour_notes(student_id, week, uuid, text, author_user, at) VALUES (?,?,?,?,?,?) "
             "ON CONFLICT(student_id, week) DO UPDATE SET text=excluded.text, author_user=excluded.author_user, "
             "at=excluded.at")
      .bind(1, student_id).bind(2, week).bind(3, note.uuid).bind(4, note.text).bind(5, author_user)
      .bind(6, note.at).run();
}

Result<std::optional<PupilPlace>> pupil_place(Db& db, Id student_id) {
  auto& q = db.prepare("SELECT s.class_id, c.grade, s.group_no FROM students s JOIN classes c ON c.id = s.class_id "
                       "WHERE s.id=?");
  q.bind(1, student_id);
  return q.first([](Stmt& r) { return PupilPlace{r.i64(0), r.i32(1), r.i32(2)}; });
}

Result<std::vector<domain::PlannedLesson>> planned_lessons(Db& db, Id class_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT date, period, group_no, subject_id, teacher_id, room_id, cancelled FROM lessons "
      "WHERE class_id=? AND date BETWEEN ? AND ? ORDER BY date, period, group_no");
  q.bind(1, class_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to));
  return q.all([class_id](Stmt& r) {
    domain::PlannedLesson l;
    l.date = domain::parse_date(r.text(0)).value_or(domain::Date{});
    l.period = r.i32(1);
    l.class_id = class_id;
    l.group_no = r.i32(2);
    l.subject_id = r.i64(3);
    l.teacher_id = r.i64(4);
    l.room_id = r.opt_i64(5);
    l.cancelled = r.i32(6) != 0;
    return l;
  });
}

Result<std::vector<domain::TextbookWeight>> textbook_weights(Db& db) {
  auto& q = db.prepare("SELECT id, textbook_grams FROM subjects ORDER BY id");
  return q.all([](Stmt& r) { return domain::TextbookWeight{r.i64(0), r.i32(1)}; });
}

}  // namespace classbook::store
