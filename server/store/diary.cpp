// diary: SQL for dots, term grades, acknowledgements, absence notices and a class's entrance day.
#include "store/diary.hpp"

namespace classbook::store {
namespace {
domain::DotState dot_state(const std::string& s) {
  return s == "converted" ? domain::DotState::converted
         : s == "expired" ? domain::DotState::expired
                          : domain::DotState::open;
}
}  // namespace

// --- dots ---

Result<std::vector<DotRecord>> dots_of_student(Db& db, Id student_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT d.id, d.uuid, d.lesson_id, l.class_id, l.subject_id, d.set_on, d.expires_on, d.state, d.student_id "
      "FROM dots d JOIN lessons l ON l.id = d.lesson_id "
      "WHERE d.student_id=? AND l.date BETWEEN ? AND ? AND d.state <> 'cancelled'");
  q.bind(1, student_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to));
  std::vector<DotRecord> out;
  auto st = q.each([&](Stmt& r) {
    auto set_on = domain::parse_date(r.text(5));
    auto expires = domain::parse_date(r.text(6));
    if (!set_on || !expires) return;
    const auto state = r.text(7);
    out.push_back({r.i64(0), r.text(1), r.i64(2), r.i64(3), r.i64(4),
                   domain::Dot{r.i64(0), *set_on, *expires, dot_state(state)}, state, r.i64(8)});
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<ClassDotRecord>> dots_of_class(Db& db, Id class_id, Id subject_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT d.student_id, d.id, d.uuid, d.lesson_id, l.class_id, l.subject_id, d.set_on, d.expires_on, d.state "
      "FROM lessons l JOIN dots d ON d.lesson_id = l.id "
      "WHERE l.class_id=? AND l.subject_id=? AND l.date BETWEEN ? AND ? AND d.state <> 'cancelled' ORDER BY d.id");
  q.bind(1, class_id).bind(2, subject_id).bind(3, domain::format_date(from)).bind(4, domain::format_date(to));
  std::vector<ClassDotRecord> out;
  auto st = q.each([&](Stmt& r) {
    auto set_on = domain::parse_date(r.text(6));
    auto expires = domain::parse_date(r.text(7));
    if (!set_on || !expires) return;
    const auto state = r.text(8);
    out.push_back({r.i64(0), {r.i64(1), r.text(2), r.i64(3), r.i64(4), r.i64(5),
                              domain::Dot{r.i64(1), *set_on, *expires, dot_state(state)}, state}});
  });
  if (!st) return st.error();
  return out;
}

Result<std::optional<DotRecord>> find_dot(Db& db, std::string_view uuid) {
  auto& q = db.prepare(
      "SELECT d.id, d.uuid, d.lesson_id, l.class_id, l.subject_id, d.set_on, d.expires_on, d.state, d.student_id "
      "FROM dots d JOIN lessons l ON l.id = d.lesson_id WHERE d.uuid=?");
  q.bind(1, uuid);
  return q.first([](Stmt& r) {
    const auto state = r.text(7);
    return DotRecord{r.i64(0), r.text(1), r.i64(2), r.i64(3), r.i64(4),
                     domain::Dot{r.i64(0), domain::parse_date(r.text(5)).value_or(domain::Date{}),
                                 domain::parse_date(r.text(6)).value_or(domain::Date{}), dot_state(state)},
                     state, r.i64(8)};
  });
}

Result<std::vector<domain::Dot>> open_dots(Db& db) {
  auto& q = db.prepare("SELECT id, set_on, expires_on FROM dots WHERE state='open'");
  std::vector<domain::Dot> out;
  auto st = q.each([&](Stmt& r) {
    auto set_on = domain::parse_date(r.text(1));
    auto expires = domain::parse_date(r.text(2));
    if (set_on && expires) out.push_back({r.i64(0), *set_on, *expires, domain::DotState::open});
  });
  if (!st) return st.error();
  return out;
}

Status insert_dot(Db& db, const std::string& uuid, Id student_id, Id lesson_id, domain::Date set_on,
                  const std::string& expires_on, Id set_by) {
  return db.prepare("INSERT INTO dots(uuid, student_id, lesson_id, set_on, expires_on, state, set_by) VALUES (?,?,?,?,?,'open',?)")
      .bind(1, uuid).bind(2, student_id).bind(3, lesson_id).bind(4, domain::format_date(set_on)).bind(5, expires_on)
      .bind(6, set_by).run();
}

// --- term grades ---

Result<std::map<Id, int>> term_grades_of(Db& db, Id student_id, int term) {
  auto& q = db.prepare("SELECT subject_id, grade FROM term_grades WHERE student_id=? AND term=?");
  q.bind(1, student_id).bind(2, term);
  std::map<Id, int> out;
  if (auto st = q.each([&](Stmt& r) { out[r.i64(0)] = r.i32(1); }); !st) return st.error();
  return out;
}

Result<std::map<Id, int>> term_grades_of_class(Db& db, Id class_id, Id subject_id, int term) {
  auto& q = db.prepare(
      "SELECT g.student_id, g.grade FROM term_grades g JOIN students s ON s.id = g.student_id "
      "WHERE s.class_id=? AND g.subject_id=? AND g.term=?");
  q.bind(1, class_id).bind(2, subject_id).bind(3, term);
  std::map<Id, int> out;
  if (auto st = q.each([&](Stmt& r) { out[r.i64(0)] = r.i32(1); }); !st) return st.error();
  return out;
}

Result<std::optional<TermGradeRecord>> find_term_grade(Db& db, Id student_id, Id subject_id, int term) {
  auto& q = db.prepare("SELECT uuid, grade FROM term_grades WHERE student_id=? AND subject_id=? AND term=?");
  q.bind(1, student_id).bind(2, subject_id).bind(3, term);
  return q.first([](Stmt& r) { return TermGradeRecord{r.text(0), r.i32(1)}; });
}

Status put_term_grade(Db& db, Id student_id, Id subject_id, int term, const std::string& uuid, int grade,
                      std::optional<int> proposed, Id set_by, const std::string& now) {
  auto& q = db.prepare(
      "INSERT INTO term_grades(student_id, subject_id, term, uuid, grade, proposed, set_by, set_at) VALUES (?,?,?,?,?,?,?,?) "
      "ON CONFLICT(student_id, subject_id, term) DO UPDATE SET grade=excluded.grade, proposed=excluded.proposed, "
      "set_by=excluded.set_by, set_at=excluded.set_at");
  q.bind(1, student_id).bind(2, subject_id).bind(3, term).bind(4, uuid).bind(5, grade).bind(6, proposed);
  return q.bind(7, set_by).bind(8, now).run();
}

// --- acknowledgements ---

Result<std::vector<std::string>> acknowledgements_of(Db& db, Id student_id, const std::string& week) {
  auto& q = db.prepare("SELECT at FROM acknowledgements WHERE student_id=? AND week=? ORDER BY at");
  q.bind(1, student_id).bind(2, week);
  return q.all([](Stmt& r) { return r.text(0); });
}

Status put_acknowledgement(Db& db, Id student_id, const std::string& week, Id user_id, const std::string& uuid,
                           const std::string& now, const std::string& content_hash) {
  auto& q = db.prepare(
      "INSERT INTO acknowledgements(student_id, week, user_id, uuid, at, content_hash) VALUES (?,?,?,?,?,?) "
      "ON CONFLICT(student_id, week, user_id) DO UPDATE SET at=excluded.at, content_hash=excluded.content_hash");
  return q.bind(1, student_id).bind(2, week).bind(3, user_id).bind(4, uuid).bind(5, now).bind(6, content_hash).run();
}

// --- absence notices ---

Result<std::vector<NoticeRecord>> notices_of_class(Db& db, Id class_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT n.uuid, s.uuid, s.first_name || ' ' || s.last_name, n.from_date, n.to_date, n.reason, n.comment, n.created_at "
      "FROM absence_notices n JOIN students s ON s.id = n.student_id "
      "WHERE s.class_id=? AND n.to_date >= ? AND n.from_date <= ? ORDER BY n.from_date, s.last_name");
  q.bind(1, class_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to));
  return q.all([](Stmt& r) {
    return NoticeRecord{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
  });
}

Result<std::vector<NoticeRecord>> notices_by_guardian(Db& db, Id guardian_id) {
  // The link is checked too: a guardian unlinked from a pupil no longer reads that pupil's notices.
  auto& q = db.prepare(
      "SELECT n.uuid, s.uuid, s.first_name || ' ' || s.last_name, n.from_date, n.to_date, n.reason, n.comment, n.created_at "
      "FROM absence_notices n JOIN students s ON s.id = n.student_id "
      "JOIN student_guardians g ON g.student_id = n.student_id AND g.guardian_id = ?1 "
      "WHERE n.guardian_id = ?1 ORDER BY n.created_at DESC, n.id DESC");
  q.bind(1, guardian_id);
  return q.all([](Stmt& r) {
    return NoticeRecord{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
  });
}

Result<std::vector<domain::AbsenceNotice>> notices_on(Db& db, Id student_id, domain::Date day) {
  auto& q = db.prepare(
      "SELECT from_date, to_date, reason FROM absence_notices WHERE student_id=? AND from_date<=? AND to_date>=?");
  const auto d = domain::format_date(day);
  q.bind(1, student_id).bind(2, d).bind(3, d);
  std::vector<domain::AbsenceNotice> out;
  auto st = q.each([&](Stmt& r) {
    auto from = domain::parse_date(r.text(0));
    auto to = domain::parse_date(r.text(1));
    auto reason = domain::parse_notice_reason(r.text(2));
    if (from && to) out.push_back({student_id, *from, *to, reason.value_or(domain::NoticeReason::other)});
  });
  if (!st) return st.error();
  return out;
}

Status insert_notice(Db& db, const std::string& uuid, Id student_id, const std::string& from, const std::string& to,
                     domain::NoticeReason reason, const std::string& comment, std::optional<Id> guardian_id,
                     const std::string& now) {
  auto& q = db.prepare(
      "INSERT INTO absence_notices(uuid, student_id, from_date, to_date, reason, comment, guardian_id, created_at) "
      "VALUES (?,?,?,?,?,?,?,?)");
  q.bind(1, uuid).bind(2, student_id).bind(3, from).bind(4, to).bind(5, domain::to_string(reason));
  return q.bind(6, comment).bind(7, guardian_id).bind(8, now).run();
}

Result<std::vector<Id>> unexcused_lessons(Db& db, Id student_id, const std::string& from, const std::string& to) {
  auto& q = db.prepare(
      "SELECT l.id FROM attendance a JOIN lessons l ON l.id = a.lesson_id "
      "WHERE a.student_id=? AND a.presence='absent_unexcused' AND l.date BETWEEN ? AND ?");
  q.bind(1, student_id).bind(2, from).bind(3, to);
  return q.all([](Stmt& r) { return r.i64(0); });
}

// --- a class's day ---

Result<std::vector<EntranceTapRecord>> entrance_taps_of_class(Db& db, Id class_id, const std::string& from,
                                                              const std::string& to) {
  auto& q = db.prepare(
      "SELECT t.student_id, t.at, t.result FROM taps t JOIN students s ON s.id = t.student_id "
      "WHERE s.class_id=? AND t.at >= ? AND t.at < ? AND t.result IN ('in','out') ORDER BY t.at");
  q.bind(1, class_id).bind(2, from).bind(3, to);
  return q.all([](Stmt& r) { return EntranceTapRecord{r.i64(0), r.text(1), r.text(2) == "in"}; });
}

Result<std::vector<LessonPresence>> attendance_of_class_on(Db& db, Id class_id, domain::Date day) {
  auto& q = db.prepare(
      "SELECT a.lesson_id, a.student_id, a.presence FROM attendance a JOIN lessons l ON l.id = a.lesson_id "
      "WHERE l.class_id=? AND l.date=?");
  q.bind(1, class_id).bind(2, domain::format_date(day));
  std::vector<LessonPresence> out;
  auto st = q.each([&](Stmt& r) {
    if (auto p = domain::parse_presence(r.text(2))) out.push_back({r.i64(0), r.i64(1), *p});
  });
  if (!st) return st.error();
  return out;
}

}  // namespace classbook::store
