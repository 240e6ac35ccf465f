// issued_documents: SQL for the issued documents' register.
#include "store/issued_documents.hpp"

namespace classbook::store {

Status record_issued_document(Db& db, const IssuedDocument& d) {
  auto& q = db.prepare(
      "INSERT INTO issued_documents(code, kind, student_id, period_from, period_to, made_at, made_by, content_hash, "
      "audit_seq, made_at_kiosk) VALUES (?,?,?,?,?,?,?,?,?,?)");
  return q.bind(1, d.code).bind(2, d.kind).bind(3, d.student_id).bind(4, d.period_from).bind(5, d.period_to)
      .bind(6, d.made_at).bind(7, d.made_by).bind(8, d.content_hash).bind(9, d.audit_seq).bind(10, d.made_at_kiosk).run();
}

Result<std::optional<IssuedDocument>> find_issued_document(Db& db, const std::string& code) {
  auto& q = db.prepare(
      "SELECT d.code, d.kind, d.student_id, d.period_from, d.period_to, d.made_at, d.made_by, d.content_hash, s.uuid, "
      "d.audit_seq "
      "FROM issued_documents d JOIN students s ON s.id = d.student_id WHERE d.code=?");
  q.bind(1, code);
  return q.first([](Stmt& r) {
    return IssuedDocument{r.text(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.i64(6), r.text(7), r.text(8), r.i64(9)};
  });
}

Result<int> kiosk_extracts_since(Db& db, Id student_id, const std::string& since_utc) {
  auto& q = db.prepare(
      "SELECT count(*) FROM issued_documents WHERE student_id=? AND made_at >= ? AND made_at_kiosk IS NOT NULL");
  q.bind(1, student_id).bind(2, since_utc);
  return q.first_or([](Stmt& r) { return r.i32(0); }, 0);
}

Result<long long> last_audit_seq(Db& db) {
  auto& q = db.prepare("SELECT coalesce(max(seq), 0) FROM audit");
  auto seq = q.first([](Stmt& r) { return static_cast<long long>(r.i64(0)); });
  if (!seq) return seq.error();
  return seq->value_or(0);
}

Result<std::vector<JournalChange>> journal_changes(Db& db, Id student_id, const std::string& from, const std::string& to,
                                                   long long after_seq, long long limit) {
  // The audit's uuid names a mark, a lesson, or "lesson/pupil" for attendance; each branch walks the
  // entries after after_seq (a rowid range) and keeps those about this pupil's lessons in the period.
  auto& q = db.prepare(
      "WITH pupil AS (SELECT id, uuid, class_id FROM students WHERE id = ?1), "
      "recent AS (SELECT seq, at, entity, uuid, action FROM audit "
      "           WHERE seq > ?2 AND entity IN ('mark', 'attendance', 'lesson_content')) "
      "SELECT r.seq, r.at, r.entity, r.action, l.date, sub.name FROM recent r "
      "  JOIN marks m ON r.entity = 'mark' AND m.uuid = r.uuid "
      "  JOIN lessons l ON l.id = m.lesson_id JOIN subjects sub ON sub.id = l.subject_id "
      "  WHERE m.student_id = ?1 AND l.date BETWEEN ?3 AND ?4 "
      "UNION ALL "
      "SELECT r.seq, r.at, r.entity, r.action, l.date, sub.name FROM recent r, pupil p "
      "  JOIN lessons l ON l.uuid = substr(r.uuid, 1, instr(r.uuid, '/') - 1) "
      "  JOIN subjects sub ON sub.id = l.subject_id "
      "  WHERE r.entity = 'attendance' AND r.uuid = l.uuid || '/' || p.uuid AND l.date BETWEEN ?3 AND ?4 "
      "UNION ALL "
      "SELECT r.seq, r.at, r.entity, r.action, l.date, sub.name FROM recent r, pupil p "
      "  JOIN lessons l ON l.uuid = r.uuid JOIN subjects sub ON sub.id = l.subject_id "
      "  WHERE r.entity = 'lesson_content' AND l.class_id = p.class_id AND l.date BETWEEN ?3 AND ?4 "
      "ORDER BY 1 LIMIT ?5");
  q.bind(1, student_id).bind(2, after_seq).bind(3, from).bind(4, to).bind(5, limit);
  return q.all([](Stmt& r) { return JournalChange{r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)}; });
}

}  // namespace classbook::store
