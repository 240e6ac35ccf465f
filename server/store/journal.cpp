// journal: SQL for the class journal and the diary.
#include "store/journal.hpp"

#include <algorithm>
#include <map>

#include "store/person_name.hpp"

namespace classbook::store {
namespace {
// A lesson's times come from the bell schedule of its weekday (fill_bell_times), not from a join:
// working the weekday out of the date in SQL cost more than the rest of the lesson query.
const std::string& lesson_select() {
  static const std::string sql =
      "SELECT l.id, l.uuid, l.date, l.period, l.class_id, l.subject_id, sub.name, l.teacher_id, " + short_name_sql("t") +
      ", l.topic, l.cancelled, l.group_no, coalesce(r.name, '') "
      "FROM lessons l JOIN subjects sub ON sub.id = l.subject_id JOIN teachers t ON t.id = l.teacher_id "
      "LEFT JOIN rooms r ON r.id = l.room_id ";
  return sql;
}

LessonRecord read_lesson(Stmt& q) {
  LessonRecord l;
  l.id = q.i64(0);
  l.uuid = q.text(1);
  l.date = domain::parse_date(q.text(2)).value_or(domain::Date{});
  l.period = q.i32(3);
  l.class_id = q.i64(4);
  l.subject_id = q.i64(5);
  l.subject = q.text(6);
  l.teacher_id = q.i64(7);
  l.teacher = q.text(8);
  l.topic = q.text(9);
  l.cancelled = q.i32(10) != 0;
  l.group_no = q.i32(11);
  l.room = q.text(12);
  return l;
}

// Start and end of each lesson by the bell variant of its weekday; 0 when the schedule has no
// such period (the diary then shows the period number alone).
Status fill_bell_times(Db& db, std::vector<LessonRecord>& lessons) {
  if (lessons.empty()) return ok_status();
  struct Bell {
    int weekday, number, start, end;
  };
  std::vector<Bell> bells;
  auto& q = db.prepare(
      "SELECT bv.weekday, bp.number, bp.start_minute, bp.end_minute FROM bell_variants bv "
      "JOIN bell_periods bp ON bp.variant = bv.variant");
  if (auto st = q.each([&](Stmt& r) { bells.push_back({r.i32(0), r.i32(1), r.i32(2), r.i32(3)}); }); !st) return st;
  for (auto& l : lessons) {
    const int weekday = domain::iso_weekday(l.date);
    for (const auto& b : bells)
      if (b.weekday == weekday && b.number == l.period) {
        l.start_minute = b.start;
        l.end_minute = b.end;
        break;
      }
  }
  return ok_status();
}

// Every mark query names `l` (the lesson) and `s` (the pupil) so that a mark carries both uuids.
constexpr const char* mark_columns =
    "SELECT m.id, m.uuid, m.student_id, m.lesson_id, m.value, m.work_type_id, m.comment, m.set_by, "
    "coalesce(u.display_name, ''), m.created_at, m.updated_at, l.uuid, s.uuid ";

MarkRecord read_mark(Stmt& q) {
  return MarkRecord{q.i64(0), q.text(1), q.i64(2),  q.i64(3),  q.i32(4),  q.i64(5),  q.text(6),
                    q.i64(7), q.text(8), q.text(9), q.text(10), q.text(11), q.text(12)};
}

AttendanceRecord read_attendance(Stmt& q) {
  AttendanceRecord a;
  a.lesson_id = q.i64(0);
  a.student_id = q.i64(1);
  a.presence = domain::parse_presence(q.text(2)).value_or(domain::Presence::present);
  a.late_minutes = q.i32(3);
  return a;
}
}  // namespace

Result<std::optional<LessonRecord>> find_lesson(Db& db, Id lesson_id) {
  auto& q = db.prepare(lesson_select() + "WHERE l.id=?");
  q.bind(1, lesson_id);
  auto one = q.first(read_lesson);
  if (!one) return one.error();
  if (!*one) return std::optional<LessonRecord>{};
  std::vector<LessonRecord> found{std::move(**one)};
  if (auto st = fill_bell_times(db, found); !st) return st.error();
  return std::optional<LessonRecord>{std::move(found.front())};
}

Result<std::optional<Id>> lesson_by_uuid(Db& db, std::string_view uuid) {
  auto& q = db.prepare("SELECT id FROM lessons WHERE uuid=?");
  q.bind(1, uuid);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<std::vector<LessonRecord>> lessons_of_class(Db& db, Id class_id, domain::Date from, domain::Date to,
                                                   std::optional<Id> subject_id) {
  auto& q = db.prepare(lesson_select() +
                       "WHERE l.class_id=? AND l.date BETWEEN ? AND ? AND (? IS NULL OR l.subject_id=?) "
                       "ORDER BY l.date, l.period");
  q.bind(1, class_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to));
  q.bind(4, subject_id).bind(5, subject_id);
  auto out = q.all(read_lesson);
  if (!out) return out;
  if (auto st = fill_bell_times(db, *out); !st) return st.error();
  return out;
}

Result<std::vector<GivenLessonRecord>> lessons_given_by(Db& db, Id teacher_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT l.uuid, l.date, l.period, l.class_id, l.subject_id, sub.name, l.topic, c.uuid, c.name, sub.uuid "
      "FROM lessons l JOIN classes c ON c.id = l.class_id JOIN subjects sub ON sub.id = l.subject_id "
      "WHERE l.teacher_id=? AND l.date BETWEEN ? AND ? AND l.cancelled = 0 ORDER BY l.date, l.period");
  q.bind(1, teacher_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to));
  return q.all([teacher_id](Stmt& r) {
    GivenLessonRecord g;
    g.lesson.uuid = r.text(0);
    g.lesson.date = domain::parse_date(r.text(1)).value_or(domain::Date{});
    g.lesson.period = r.i32(2);
    g.lesson.class_id = r.i64(3);
    g.lesson.subject_id = r.i64(4);
    g.lesson.subject = r.text(5);
    g.lesson.teacher_id = teacher_id;
    g.lesson.topic = r.text(6);
    g.class_uuid = r.text(7);
    g.class_name = r.text(8);
    g.subject_uuid = r.text(9);
    return g;
  });
}

Result<std::int64_t> lesson_version(Db& db, Id class_id) {
  // Two scalar lookups rather than `class_id IN (0, ?)`: SQLite builds an ephemeral table for an
  // IN list, which cost more than the lookups themselves on every diary read.
  auto& q = db.prepare(
      "SELECT coalesce((SELECT version FROM lesson_versions WHERE class_id=0), 0) + "
      "coalesce((SELECT version FROM lesson_versions WHERE class_id=?), 0)");
  q.bind(1, class_id);
  auto v = q.first([](Stmt& r) { return r.i64(0); });
  if (!v) return v.error();
  return v->value_or(0);
}

Result<std::vector<HomeworkRecord>> homework_of_lessons(Db& db, Id class_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT h.id, h.uuid, h.lesson_id, h.text, h.mandatory, h.due_date, h.created_at, h.revised_at "
      "FROM homework h JOIN lessons l ON l.id = h.lesson_id "
      "WHERE l.class_id=? AND l.date BETWEEN ? AND ? ORDER BY h.id");
  q.bind(1, class_id).bind(2, domain::format_date(from)).bind(3, domain::format_date(to));
  return q.all([](Stmt& r) {
    return HomeworkRecord{r.i64(0), r.text(1), r.i64(2), r.text(3), r.i32(4) != 0, r.text(5), r.text(6), r.text(7)};
  });
}

// Reads drive from the class's lessons in the range (a handful per week) and probe the pupil's
// rows by (student, lesson): scanning a pupil's whole year of marks made the diary 20× slower.
Result<std::vector<MarkRecord>> marks_of_student(Db& db, Id student_id, Id class_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(std::string(mark_columns) +
                       "FROM lessons l CROSS JOIN marks m ON m.lesson_id = l.id AND m.student_id=? "
                       "JOIN students s ON s.id = m.student_id LEFT JOIN users u ON u.id = m.set_by "
                       "WHERE l.class_id=? AND l.date BETWEEN ? AND ? AND m.deleted_at IS NULL "
                       "ORDER BY l.date, l.period, m.id");
  q.bind(1, student_id).bind(2, class_id).bind(3, domain::format_date(from)).bind(4, domain::format_date(to));
  return q.all(read_mark);
}

Result<std::vector<MarkRecord>> marks_of_student_on(Db& db, Id student_id, const std::vector<Id>& lesson_ids) {
  std::vector<MarkRecord> out;
  if (lesson_ids.empty()) return out;
  auto& q = db.prepare(
      "SELECT m.id, m.uuid, m.student_id, m.lesson_id, m.value, m.work_type_id, m.comment, m.set_by, "
      "coalesce(u.display_name, ''), m.created_at, m.updated_at, '', '' "
      "FROM marks m LEFT JOIN users u ON u.id = m.set_by "
      "WHERE m.student_id=? AND m.lesson_id BETWEEN ? AND ? AND m.deleted_at IS NULL ORDER BY m.lesson_id, m.id");
  q.bind(1, student_id).bind(2, lesson_ids.front()).bind(3, lesson_ids.back());
  if (auto st = q.each([&](Stmt& r) {
        auto m = read_mark(r);
        if (std::binary_search(lesson_ids.begin(), lesson_ids.end(), m.lesson_id)) out.push_back(std::move(m));
      });
      !st)
    return st.error();
  return out;
}

Result<std::vector<AttendanceRecord>> attendance_of_student_on(Db& db, Id student_id, const std::vector<Id>& lesson_ids) {
  std::vector<AttendanceRecord> out;
  if (lesson_ids.empty()) return out;
  auto& q = db.prepare(
      "SELECT lesson_id, student_id, presence, late_minutes FROM attendance "
      "WHERE student_id=? AND lesson_id BETWEEN ? AND ?");
  q.bind(1, student_id).bind(2, lesson_ids.front()).bind(3, lesson_ids.back());
  if (auto st = q.each([&](Stmt& r) {
        auto a = read_attendance(r);
        if (std::binary_search(lesson_ids.begin(), lesson_ids.end(), a.lesson_id)) out.push_back(a);
      });
      !st)
    return st.error();
  return out;
}

Result<std::vector<MarkRecord>> marks_of_class(Db& db, Id class_id, Id subject_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(std::string(mark_columns) +
                       "FROM lessons l CROSS JOIN marks m ON m.lesson_id = l.id "
                       "JOIN students s ON s.id = m.student_id LEFT JOIN users u ON u.id = m.set_by "
                       "WHERE l.class_id=? AND l.subject_id=? AND m.deleted_at IS NULL AND l.date BETWEEN ? AND ? "
                       "ORDER BY l.date, l.period, m.id");
  q.bind(1, class_id).bind(2, subject_id).bind(3, domain::format_date(from)).bind(4, domain::format_date(to));
  return q.all(read_mark);
}

Result<std::vector<AttendanceRecord>> attendance_of_student(Db& db, Id student_id, Id class_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT a.lesson_id, a.student_id, a.presence, a.late_minutes FROM lessons l "
      "CROSS JOIN attendance a ON a.lesson_id = l.id AND a.student_id=? "
      "WHERE l.class_id=? AND l.date BETWEEN ? AND ?");
  q.bind(1, student_id).bind(2, class_id).bind(3, domain::format_date(from)).bind(4, domain::format_date(to));
  return q.all(read_attendance);
}

Result<std::vector<AttendanceRecord>> attendance_of_class(Db& db, Id class_id, Id subject_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT a.lesson_id, a.student_id, a.presence, a.late_minutes FROM attendance a "
      "JOIN lessons l ON l.id = a.lesson_id WHERE l.class_id=? AND l.subject_id=? AND l.date BETWEEN ? AND ?");
  q.bind(1, class_id).bind(2, subject_id).bind(3, domain::format_date(from)).bind(4, domain::format_date(to));
  return q.all(read_attendance);
}

Result<std::optional<MarkRecord>> find_mark(Db& db, Id mark_id) {
  auto& q = db.prepare(std::string(mark_columns) +
                       "FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN students s ON s.id = m.student_id "
                       "LEFT JOIN users u ON u.id = m.set_by WHERE m.id=? AND m.deleted_at IS NULL");
  q.bind(1, mark_id);
  return q.first(read_mark);
}

Result<std::optional<Id>> mark_by_uuid(Db& db, std::string_view uuid) {
  auto& q = db.prepare("SELECT id FROM marks WHERE uuid=? AND deleted_at IS NULL");
  q.bind(1, uuid);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<Id> insert_mark(Db& db, const MarkRecord& m) {
  auto& q = db.prepare(
      "INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, comment, set_by, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind(1, m.uuid).bind(2, m.student_id).bind(3, m.lesson_id).bind(4, m.value).bind(5, m.work_type_id);
  q.bind(6, m.comment).bind(7, m.set_by).bind(8, m.created_at).bind(9, m.updated_at);
  if (auto s = q.run(); !s) return s.error();
  return db.last_insert_id();
}

namespace {
Status keep_history(Db& db, const MarkRecord& before, Id by_user, const std::string& now,
                    const std::string& reason, const char* op) {
  return db.prepare(
             "INSERT INTO mark_history(mark_id, value, work_type_id, comment, replaced_by_user, replaced_at, reason, op) "
             "VALUES (?,?,?,?,?,?,?,?)")
      .bind(1, before.id).bind(2, before.value).bind(3, before.work_type_id).bind(4, before.comment)
      .bind(5, by_user).bind(6, now).bind(7, reason).bind(8, op).run();
}
}  // namespace

Status replace_mark(Db& db, const MarkRecord& before, const MarkRecord& after, Id by_user,
                    const std::string& now, const std::string& reason) {
  if (auto s = keep_history(db, before, by_user, now, reason, "update"); !s) return s;
  return db.prepare("UPDATE marks SET value=?, work_type_id=?, comment=?, updated_at=? WHERE id=?")
      .bind(1, after.value).bind(2, after.work_type_id).bind(3, after.comment).bind(4, now).bind(5, before.id).run();
}

Status delete_mark(Db& db, const MarkRecord& m, Id by_user, const std::string& now, const std::string& reason) {
  if (auto s = keep_history(db, m, by_user, now, reason, "delete"); !s) return s;
  return db.prepare("UPDATE marks SET deleted_at=?, deleted_reason=? WHERE id=?")
      .bind(1, now).bind(2, reason).bind(3, m.id).run();
}

Result<std::optional<AttendanceRecord>> find_attendance(Db& db, Id lesson_id, Id student_id) {
  auto& q = db.prepare("SELECT lesson_id, student_id, presence, late_minutes FROM attendance WHERE lesson_id=? AND student_id=?");
  q.bind(1, lesson_id).bind(2, student_id);
  return q.first(read_attendance);
}

Status put_attendance(Db& db, const AttendanceRecord& a, Id by_user, const std::string& now) {
  return db.prepare(
             "INSERT INTO attendance(lesson_id, student_id, presence, late_minutes, set_by, set_at) VALUES (?,?,?,?,?,?) "
             "ON CONFLICT(lesson_id, student_id) DO UPDATE SET presence=excluded.presence, "
             "late_minutes=excluded.late_minutes, set_by=excluded.set_by, set_at=excluded.set_at")
      .bind(1, a.lesson_id).bind(2, a.student_id).bind(3, domain::to_string(a.presence))
      .bind(4, a.late_minutes).bind(5, by_user).bind(6, now).run();
}

Status set_topic(Db& db, Id lesson_id, const std::string& topic) {
  return db.prepare("UPDATE lessons SET topic=? WHERE id=?").bind(1, topic).bind(2, lesson_id).run();
}

Status replace_homework(Db& db, Id lesson_id, const std::vector<HomeworkRecord>& items, const std::string& now) {
  // Items keep their uuid and creation time when the teacher revises them; others are new.
  auto& old = db.prepare("SELECT uuid, created_at, text, mandatory, due_date, revised_at FROM homework WHERE lesson_id=?");
  old.bind(1, lesson_id);
  struct Old { std::string created_at, text; bool mandatory; std::string due, revised_at; };
  std::map<std::string, Old> before;
  if (auto st = old.each([&](Stmt& r) {
        before[r.text(0)] = {r.text(1), r.text(2), r.i32(3) != 0, r.text(4), r.text(5)};
      });
      !st)
    return st;
  if (auto s = db.prepare("DELETE FROM homework WHERE lesson_id=?").bind(1, lesson_id).run(); !s) return s;
  for (const auto& h : items) {
    std::string created = now, revised = now;
    if (auto it = before.find(h.uuid); it != before.end()) {
      created = it->second.created_at;
      const bool same = it->second.text == h.text && it->second.mandatory == h.mandatory && it->second.due == h.due_date;
      if (same) revised = it->second.revised_at;
    }
    auto& q = db.prepare(
        "INSERT INTO homework(uuid, lesson_id, text, mandatory, due_date, created_at, revised_at) VALUES (?,?,?,?,?,?,?)");
    q.bind(1, h.uuid).bind(2, lesson_id).bind(3, h.text).bind(4, h.mandatory ? 1 : 0).bind(5, h.due_date);
    q.bind(6, created).bind(7, revised);
    if (auto s = q.run(); !s) return s;
  }
  return ok_status();
}

}  // namespace classbook::store
