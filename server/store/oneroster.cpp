// oneroster: SQL for the OneRoster provider's reads. dateLastModified comes from migration 22's
// modified_at columns and settings keys; a record made of several rows changed when the latest did.
#include "store/oneroster.hpp"

#include <unordered_map>

namespace classbook::store {
namespace {

// A settings key as an SQL expression, '' when absent.
#define CLASSBOOK_SETTING(key) "coalesce((SELECT value FROM settings WHERE key = '" key "'), '')"
constexpr const char* teaching_modified = CLASSBOOK_SETTING("teaching_modified_at");

std::string later(std::initializer_list<std::string_view> columns) {
  std::string out = "max(";
  bool first = true;
  for (auto c : columns) {
    out += (first ? "coalesce(" : ", coalesce(") + std::string(c) + ", '')";
    first = false;
  }
  return out + ")";
}

}  // namespace

Result<RosterCalendar> roster_calendar(Db& db) {
  RosterCalendar cal;
  auto& t = db.prepare("SELECT number, start_date, end_date FROM terms ORDER BY number");
  auto terms = t.all([](Stmt& r) { return rows::RosterTerm{r.i32(0), r.text(1), r.text(2)}; });
  if (!terms) return terms.error();
  cal.terms = std::move(*terms);
  auto& m = db.prepare("SELECT " CLASSBOOK_SETTING("terms_modified_at") ", " CLASSBOOK_SETTING("org_modified_at"));
  auto at = m.first([](Stmt& r) { return r.text(0).empty() ? r.text(1) : r.text(0); });
  if (!at) return at.error();
  cal.modified_at = at->value_or("");
  return cal;
}

Result<std::vector<RosterCourse>> roster_courses(Db& db) {
  auto& q = db.prepare("SELECT s.uuid, s.name, s.short_name, c.grade, " + later({"s.modified_at", teaching_modified}) +
                       " FROM teaching t JOIN classes c ON c.id = t.class_id JOIN subjects s ON s.id = t.subject_id "
                       "GROUP BY s.id, c.grade ORDER BY s.name, s.uuid, c.grade");
  return q.all([](Stmt& r) { return RosterCourse{r.text(0), r.text(1), r.text(2), r.i32(3), r.text(4)}; });
}

Result<std::vector<RosterClassSubject>> roster_class_subjects(Db& db) {
  auto& q = db.prepare("SELECT c.uuid, c.name, c.grade, s.uuid, s.name, " +
                       later({"c.modified_at", "s.modified_at", teaching_modified}) +
                       " FROM (SELECT DISTINCT class_id, subject_id FROM teaching) t JOIN classes c ON c.id = t.class_id "
                       "JOIN subjects s ON s.id = t.subject_id ORDER BY c.grade, c.name, s.name, s.uuid");
  return q.all([](Stmt& r) { return RosterClassSubject{r.text(0), r.text(1), r.i32(2), r.text(3), r.text(4), r.text(5)}; });
}

Result<std::vector<RosterPerson>> roster_people(Db& db, std::optional<std::string_view> uuid) {
  std::vector<RosterPerson> people;
  auto read = [&](RosterPersonKind kind, const std::string& sql) -> Status {
    auto& q = db.prepare(sql);
    if (uuid) q.bind(1, *uuid);
    return q.each([&](Stmt& r) {
      RosterPerson p;
      p.kind = kind;
      p.uuid = r.text(0);
      p.last_name = r.text(1);
      p.first_name = r.text(2);
      p.middle_name = r.text(3);
      p.email = r.opt_text(4);
      p.phone = r.opt_text(5);
      p.login = r.opt_text(6);
      p.left_on = r.opt_text(7);
      p.grade = r.i32(8);
      p.modified_at = r.text(9);
      people.push_back(std::move(p));
    });
  };
  const std::string one = uuid ? " WHERE x.uuid = ?" : "";
  auto login = [](const char* role) {
    return std::string("(SELECT u.login FROM users u WHERE u.person_id = x.id AND u.role = '") + role + "' LIMIT 1)";
  };
  if (auto st = read(RosterPersonKind::pupil,
                     "SELECT x.uuid, x.last_name, x.first_name, x.middle_name, x.email, NULL, " + login("student") +
                         ", x.left_on, c.grade, coalesce(x.modified_at, '') FROM students x JOIN classes c ON c.id = x.class_id" +
                         one + " ORDER BY x.last_name, x.first_name, x.uuid");
      !st)
    return st.error();
  if (auto st = read(RosterPersonKind::teacher,
                     "SELECT x.uuid, x.last_name, x.first_name, x.middle_name, x.email, x.phone, " + login("teacher") +
                         ", NULL, 0, coalesce(x.modified_at, '') FROM teachers x" + one +
                         " ORDER BY x.last_name, x.first_name, x.uuid");
      !st)
    return st.error();
  if (auto st = read(RosterPersonKind::guardian,
                     "SELECT x.uuid, x.last_name, x.first_name, x.middle_name, x.email, x.phone, " + login("guardian") +
                         ", NULL, 0, coalesce(x.modified_at, '') FROM guardians x" + one +
                         " ORDER BY x.last_name, x.first_name, x.uuid");
      !st)
    return st.error();
  std::unordered_map<std::string_view, std::size_t> at;
  for (std::size_t i = 0; i < people.size(); ++i) at.emplace(people[i].uuid, i);
  auto& links = db.prepare(
      "SELECT s.uuid, g.uuid FROM student_guardians sg JOIN students s ON s.id = sg.student_id "
      "JOIN guardians g ON g.id = sg.guardian_id ORDER BY sg.student_id, sg.guardian_id");
  if (auto st = links.each([&](Stmt& r) {
        const auto pupil = r.text(0), guardian = r.text(1);
        if (auto i = at.find(pupil); i != at.end()) people[i->second].agents.push_back(guardian);
        if (auto i = at.find(guardian); i != at.end()) people[i->second].agents.push_back(pupil);
      });
      !st)
    return st.error();
  return people;
}

Result<std::vector<RosterEnrollment>> roster_enrollments(Db& db) {
  std::vector<RosterEnrollment> out;
  auto read = [&](RosterPersonKind kind, const std::string& sql) -> Status {
    auto& q = db.prepare(sql);
    return q.each([&](Stmt& r) { out.push_back({kind, r.text(0), r.text(1), r.text(2), r.opt_text(3), r.text(4)}); });
  };
  if (auto st = read(RosterPersonKind::pupil,
                     "SELECT x.uuid, c.uuid, s.uuid, x.left_on, " +
                         later({"x.modified_at", "c.modified_at", "s.modified_at", teaching_modified}) +
                         " FROM students x JOIN classes c ON c.id = x.class_id "
                         "JOIN (SELECT DISTINCT class_id, subject_id FROM teaching) t ON t.class_id = x.class_id "
                         "JOIN subjects s ON s.id = t.subject_id "
                         "ORDER BY c.grade, c.name, s.name, s.uuid, x.last_name, x.first_name, x.uuid");
      !st)
    return st.error();
  if (auto st = read(RosterPersonKind::teacher,
                     "SELECT x.uuid, c.uuid, s.uuid, NULL, " +
                         later({"x.modified_at", "c.modified_at", "s.modified_at", teaching_modified}) +
                         " FROM teaching t JOIN teachers x ON x.id = t.teacher_id JOIN classes c ON c.id = t.class_id "
                         "JOIN subjects s ON s.id = t.subject_id "
                         "ORDER BY c.grade, c.name, s.name, s.uuid, x.last_name, x.first_name, x.uuid");
      !st)
    return st.error();
  return out;
}

Result<std::vector<RosterWorkType>> roster_work_types(Db& db) {
  auto& q = db.prepare("SELECT code, name, weight, " CLASSBOOK_SETTING("work_types_modified_at") " FROM work_types ORDER BY rank, id");
  return q.all([](Stmt& r) { return RosterWorkType{r.text(0), r.text(1), r.i32(2), r.text(3)}; });
}

namespace {

constexpr const char* marks_from =
    " FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN classes c ON c.id = l.class_id "
    "JOIN subjects s ON s.id = l.subject_id JOIN work_types w ON w.id = m.work_type_id "
    "JOIN students x ON x.id = m.student_id "
    // A mark a client's result made is that client's record (docs/sync.md § Writes), not listed twice.
    "WHERE NOT EXISTS (SELECT 1 FROM client_results cr WHERE cr.mark_id = m.id)";

// Only the clauses asked for, so that each selection reads through its index (marks_lesson, …).
Stmt& select_marks(Db& db, std::string sql, const MarkSelection& which, bool with_mark, const char* tail) {
  std::vector<const std::string*> binds;
  auto clause = [&](const std::optional<std::string>& v, const char* column) {
    if (!v) return;
    sql += std::string(" AND ") + column + " = ?";
    binds.push_back(&*v);
  };
  clause(which.class_uuid, "c.uuid");
  clause(which.subject_uuid, "s.uuid");
  clause(which.lesson_uuid, "l.uuid");
  clause(which.work_type_code, "w.code");
  if (with_mark) clause(which.mark_uuid, "m.uuid");
  sql += tail;
  auto& q = db.prepare(sql);
  for (std::size_t i = 0; i < binds.size(); ++i) q.bind(static_cast<int>(i + 1), *binds[i]);
  return q;
}

}  // namespace

Result<std::vector<RosterMark>> roster_marks(Db& db, const MarkSelection& which) {
  auto& q = select_marks(db,
                         std::string("SELECT m.uuid, l.uuid, l.date, c.uuid, s.uuid, s.name, w.code, w.name, x.uuid, "
                                     "m.value, m.comment, m.updated_at, m.deleted_at") + marks_from,
                         which, true, " ORDER BY l.date, l.period, l.uuid, w.code, x.last_name, x.first_name, x.uuid, m.id");
  return q.all([](Stmt& r) {
    return RosterMark{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                      r.text(7), r.text(8), r.i32(9), r.text(10), r.text(11), r.opt_text(12)};
  });
}

Result<std::vector<RosterLineItem>> roster_line_items(Db& db, const MarkSelection& which) {
  auto& q = select_marks(db,
                         std::string("SELECT l.uuid, l.date, c.uuid, s.uuid, s.name, w.code, w.name, l.topic, "
                                     "max(max(m.updated_at, coalesce(m.deleted_at, ''))), max(m.deleted_at IS NULL)") +
                             marks_from,
                         which, false, " GROUP BY m.lesson_id, m.work_type_id ORDER BY l.date, l.period, l.uuid, w.code");
  return q.all([](Stmt& r) {
    return RosterLineItem{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                          r.text(5), r.text(6), r.text(7), r.text(8), r.i32(9) != 0};
  });
}

#undef CLASSBOOK_SETTING

}  // namespace classbook::store
