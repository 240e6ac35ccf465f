// audit_check: the journal's rows against the latest audit entry of each, and entries without rows.
#include "store/audit_check.hpp"

#include <sqlite3.h>

#include <array>

#include "store/audit.hpp"

namespace classbook::store {
namespace {

// One kind of row the trail covers. Both queries find the latest entry per object with one
// GROUP BY over the trail (materialized once, so the join probes it instead of re-scanning).
// compare_sql returns only the rows that differ: key, seq (NULL: no entry), student uuid, the
// lesson's or subject's uuid, then a (now, in audit) pair per field. missing_sql returns the latest
// entries whose row is gone: key, seq, action, student uuid, lesson or subject uuid.
struct TableCheck {
  const char* entity;
  const char* count_sql;
  std::array<const char*, 6> fields;  // nullptr-terminated when shorter
  const char* compare_sql;
  const char* missing_sql;
};

// A mark's state in its latest entry: the whole mark after "create", "mark" inside an "update"'s
// after (beside the reason), the mark before a "delete" (the row stays, marked deleted).
constexpr TableCheck mark_check{
    "mark",
    "SELECT count(*) FROM marks",
    {"student", "lesson", "value", "work_type", "comment", "deleted"},
    R"SQL(
WITH latest AS MATERIALIZED (SELECT uuid, max(seq) AS seq FROM audit WHERE entity='mark' GROUP BY uuid),
pairs AS (
  SELECT m.uuid AS key, a.seq AS seq, s.uuid AS student_now, l.uuid AS lesson_now, m.value AS value_now,
    w.code AS work_type_now, m.comment AS comment_now,
    CASE WHEN m.deleted_at IS NULL THEN 'no' ELSE 'yes' END AS deleted_now,
    CASE a.action WHEN 'update' THEN json_extract(a.after, '$.mark') WHEN 'delete' THEN a.before ELSE a.after END AS st,
    CASE WHEN a.seq IS NULL THEN NULL WHEN a.action = 'delete' THEN 'yes' ELSE 'no' END AS deleted_audit
  FROM marks m LEFT JOIN students s ON s.id = m.student_id LEFT JOIN lessons l ON l.id = m.lesson_id
  LEFT JOIN work_types w ON w.id = m.work_type_id LEFT JOIN latest t ON t.uuid = m.uuid
  LEFT JOIN audit a ON a.seq = t.seq),
cmp AS (
  SELECT key, seq, student_now, lesson_now, deleted_now, deleted_audit,
    value_now, work_type_now, comment_now, json_extract(st, '$.student') AS student_audit,
    json_extract(st, '$.lesson') AS lesson_audit, json_extract(st, '$.value') AS value_audit,
    json_extract(st, '$.work_type') AS work_type_audit, json_extract(st, '$.comment') AS comment_audit
  FROM pairs)
SELECT key, seq, coalesce(student_now, student_audit), coalesce(lesson_now, lesson_audit),
  student_now, student_audit, lesson_now, lesson_audit, value_now, value_audit,
  work_type_now, work_type_audit, comment_now, comment_audit, deleted_now, deleted_audit
FROM cmp WHERE seq IS NULL OR student_now IS NOT student_audit OR lesson_now IS NOT lesson_audit
  OR value_now IS NOT value_audit OR work_type_now IS NOT work_type_audit OR comment_now IS NOT comment_audit
  OR deleted_now IS NOT deleted_audit
)SQL",
    R"SQL(
WITH latest AS MATERIALIZED (SELECT uuid, max(seq) AS seq FROM audit WHERE entity='mark' GROUP BY uuid),
st AS (SELECT t.uuid AS key, t.seq AS seq, a.action AS action,
  CASE a.action WHEN 'update' THEN json_extract(a.after, '$.mark') WHEN 'delete' THEN a.before ELSE a.after END AS st
  FROM latest t JOIN audit a ON a.seq = t.seq)
SELECT key, seq, action, json_extract(st, '$.student'), json_extract(st, '$.lesson') FROM st
WHERE NOT EXISTS (SELECT 1 FROM marks m WHERE m.uuid = st.key)
)SQL"};

// Attendance is keyed "lesson uuid/student uuid" in the trail; the rows are never deleted (a pupil
// marked present again keeps a row saying so).
constexpr TableCheck attendance_check{
    "attendance",
    "SELECT count(*) FROM attendance",
    {"presence", "late_minutes", nullptr, nullptr, nullptr, nullptr},
    R"SQL(
WITH latest AS MATERIALIZED (SELECT uuid, max(seq) AS seq FROM audit WHERE entity='attendance' GROUP BY uuid),
pairs AS (
  SELECT coalesce(l.uuid, 'lesson#' || x.lesson_id) || '/' || coalesce(s.uuid, 'student#' || x.student_id) AS key,
    s.uuid AS student, l.uuid AS lesson, x.presence AS presence_now, x.late_minutes AS late_now
  FROM attendance x LEFT JOIN lessons l ON l.id = x.lesson_id LEFT JOIN students s ON s.id = x.student_id),
cmp AS (
  SELECT p.key, a.seq, p.student, p.lesson, p.presence_now, p.late_now,
    json_extract(a.after, '$.presence') AS presence_audit, json_extract(a.after, '$.late_minutes') AS late_audit
  FROM pairs p LEFT JOIN latest t ON t.uuid = p.key LEFT JOIN audit a ON a.seq = t.seq)
SELECT key, seq, student, lesson, presence_now, presence_audit, late_now, late_audit FROM cmp
WHERE seq IS NULL OR presence_now IS NOT presence_audit OR late_now IS NOT late_audit
)SQL",
    R"SQL(
WITH latest AS MATERIALIZED (SELECT uuid, max(seq) AS seq FROM audit WHERE entity='attendance' GROUP BY uuid),
keys AS (SELECT t.uuid AS key, t.seq AS seq, a.action AS action,
  substr(t.uuid, 1, instr(t.uuid, '/') - 1) AS lesson, substr(t.uuid, instr(t.uuid, '/') + 1) AS student
  FROM latest t JOIN audit a ON a.seq = t.seq)
SELECT key, seq, action, student, lesson FROM keys
WHERE NOT EXISTS (SELECT 1 FROM attendance x JOIN lessons l ON l.id = x.lesson_id JOIN students s ON s.id = x.student_id
                  WHERE l.uuid = keys.lesson AND s.uuid = keys.student)
)SQL"};

constexpr TableCheck term_grade_check{
    "term_grade",
    "SELECT count(*) FROM term_grades",
    {"student", "subject", "term", "grade", "proposed", nullptr},
    R"SQL(
WITH latest AS MATERIALIZED (SELECT uuid, max(seq) AS seq FROM audit WHERE entity='term_grade' GROUP BY uuid),
cmp AS (
  SELECT g.uuid AS key, a.seq AS seq, s.uuid AS student_now, j.uuid AS subject_now, g.term AS term_now,
    g.grade AS grade_now, g.proposed AS proposed_now,
    json_extract(a.after, '$.student') AS student_audit, json_extract(a.after, '$.subject') AS subject_audit,
    json_extract(a.after, '$.term') AS term_audit, json_extract(a.after, '$.grade') AS grade_audit,
    json_extract(a.after, '$.proposed') AS proposed_audit
  FROM term_grades g LEFT JOIN students s ON s.id = g.student_id LEFT JOIN subjects j ON j.id = g.subject_id
  LEFT JOIN latest t ON t.uuid = g.uuid LEFT JOIN audit a ON a.seq = t.seq)
SELECT key, seq, coalesce(student_now, student_audit), coalesce(subject_now, subject_audit),
  student_now, student_audit, subject_now, subject_audit, term_now, term_audit, grade_now, grade_audit,
  proposed_now, proposed_audit
FROM cmp WHERE seq IS NULL OR student_now IS NOT student_audit OR subject_now IS NOT subject_audit
  OR term_now IS NOT term_audit OR grade_now IS NOT grade_audit OR proposed_now IS NOT proposed_audit
)SQL",
    R"SQL(
WITH latest AS MATERIALIZED (SELECT uuid, max(seq) AS seq FROM audit WHERE entity='term_grade' GROUP BY uuid)
SELECT t.uuid, t.seq, a.action, json_extract(a.after, '$.student'), json_extract(a.after, '$.subject')
FROM latest t JOIN audit a ON a.seq = t.seq
WHERE NOT EXISTS (SELECT 1 FROM term_grades g WHERE g.uuid = t.uuid)
)SQL"};

constexpr std::array<const TableCheck*, 3> checks{&mark_check, &attendance_check, &term_grade_check};

// A value as a person reads it, and as the comparison sees it: text quoted, numbers bare, none "—".
std::string shown(const Stmt& q, int col) {
  switch (sqlite3_column_type(q.raw(), col)) {
    case SQLITE_NULL: return "—";
    case SQLITE_TEXT: return "'" + q.text(col) + "'";
    default: return q.text(col);
  }
}

// "Петрова Анна (7А), 2026-11-16 period 2 Алгебра" from the pupil's and the lesson's (or subject's) uuid.
Status describe_row(Db& db, AuditMismatch& m, const std::string& student_uuid, const std::string& place_uuid) {
  auto& p = db.prepare(
      "SELECT s.id, s.last_name || ' ' || s.first_name, coalesce(c.name, '') FROM students s "
      "LEFT JOIN classes c ON c.id = s.class_id WHERE s.uuid = ?");
  p.bind(1, student_uuid);
  auto pupil = p.first([](Stmt& r) { return std::pair{r.i64(0), r.text(1) + " (" + r.text(2) + ")"}; });
  if (!pupil) return pupil.error();
  if (*pupil) {
    m.student_id = (*pupil)->first;
    m.row = (*pupil)->second;
  } else {
    m.row = "pupil " + (student_uuid.empty() ? std::string("unknown") : student_uuid);
  }
  if (m.entity == "term_grade") {
    auto& s = db.prepare("SELECT name FROM subjects WHERE uuid = ?");
    s.bind(1, place_uuid);
    auto name = s.first_or([](Stmt& r) { return r.text(0); }, "subject " + place_uuid);
    if (!name) return name.error();
    m.row += ", term grade in " + *name;
    return ok_status();
  }
  auto& l = db.prepare(
      "SELECT l.date, l.period, coalesce(j.name, '') FROM lessons l LEFT JOIN subjects j ON j.id = l.subject_id "
      "WHERE l.uuid = ?");
  l.bind(1, place_uuid);
  auto place = l.first_or([](Stmt& r) { return r.text(0) + " period " + r.text(1) + " " + r.text(2); },
                          "lesson " + place_uuid);
  if (!place) return place.error();
  m.row += ", " + *place;
  return ok_status();
}

// The pupil's and the lesson's (or subject's) uuid of each listed mismatch, for describe_row.
using Places = std::vector<std::pair<std::string, std::string>>;

Status check_table(Db& db, const TableCheck& c, AuditDataVerdict& v, Places& places) {
  auto& n = db.prepare(c.count_sql);
  auto rows = n.first_or([](Stmt& r) { return r.i64(0); }, std::int64_t{0});
  if (!rows) return rows.error();
  v.rows_checked += *rows;

  auto keep = [&](AuditMismatch m, const std::string& student, const std::string& place) {
    ++v.mismatch_count;
    if (v.mismatches.size() >= max_audit_mismatches_listed) return;
    m.entity = c.entity;
    v.mismatches.push_back(std::move(m));
    places.emplace_back(student, place);
  };

  auto& q = db.prepare(c.compare_sql);
  if (auto st = q.each([&](Stmt& q) {
    AuditMismatch m;
    m.key = q.text(0);
    const bool has_entry = !q.is_null(1);
    m.audit_seq = has_entry ? q.i64(1) : 0;
    m.problem = has_entry ? "was changed without an audit entry" : "has no audit entry";
    for (int f = 0; f < static_cast<int>(c.fields.size()) && c.fields[static_cast<std::size_t>(f)]; ++f) {
      const auto now = shown(q, 4 + 2 * f), in_audit = shown(q, 5 + 2 * f);
      if (now != in_audit) m.differences.push_back({c.fields[static_cast<std::size_t>(f)], in_audit, now});
    }
    keep(std::move(m), q.text(2), q.text(3));
  }); !st)
    return st.error();

  auto& g = db.prepare(c.missing_sql);
  if (auto st = g.each([&](Stmt& g) {
    AuditMismatch m;
    m.key = g.text(0);
    m.audit_seq = g.i64(1);
    m.problem = "is missing, though its latest audit entry (" + g.text(2) + ") says it exists";
    keep(std::move(m), g.text(3), g.text(4));
  }); !st)
    return st.error();
  return ok_status();
}

}  // namespace

Result<AuditDataVerdict> verify_audit_matches_data(Db& db) {
  AuditDataVerdict v;
  Places places;
  // One read transaction: the tables and the trail are compared as of one moment, even while the
  // server keeps writing.
  if (auto s = db.exec("BEGIN"); !s) return s.error();
  for (const auto* c : checks) {
    if (auto s = check_table(db, *c, v, places); !s) {
      (void)db.exec("ROLLBACK");
      return s.error();
    }
  }
  // Described after the passes, a few statements each, only for the ones listed.
  for (std::size_t i = 0; i < v.mismatches.size(); ++i)
    if (auto st = describe_row(db, v.mismatches[i], places[i].first, places[i].second); !st) {
      (void)db.exec("ROLLBACK");
      return st.error();
    }
  (void)db.exec("ROLLBACK");
  return v;
}

std::string describe(const AuditMismatch& m) {
  std::string out = m.entity + " " + m.key + " " + m.problem;
  if (m.audit_seq) out += " (latest audit entry " + std::to_string(m.audit_seq) + ")";
  for (std::size_t i = 0; i < m.differences.size(); ++i) {
    const auto& d = m.differences[i];
    out += (i == 0 ? ": " : "; ") + d.field + ": audit " + d.in_audit + ", now " + d.now;
  }
  if (!m.row.empty()) out += " — " + m.row;
  return out;
}

Result<std::int64_t> audit_unaudited_journal(Db& db) {
  // Each row as the use cases write it (app/writes.cpp, app/grading.cpp): the same keys in the same order.
  static constexpr std::array<std::pair<const char*, const char*>, 3> sources{{
      {"mark",
       "SELECT m.set_by, m.created_at, m.uuid, json_object('id', m.uuid, 'student', s.uuid, 'lesson', l.uuid, "
       "'value', m.value, 'work_type', w.code, 'weight', w.weight, 'comment', m.comment) "
       "FROM marks m JOIN students s ON s.id = m.student_id JOIN lessons l ON l.id = m.lesson_id "
       "JOIN work_types w ON w.id = m.work_type_id "
       "WHERE m.deleted_at IS NULL AND m.uuid NOT IN (SELECT uuid FROM audit WHERE entity = 'mark') ORDER BY m.id"},
      {"attendance",
       "SELECT x.set_by, x.set_at, l.uuid || '/' || s.uuid, json_object('lesson', l.uuid, 'student', s.uuid, "
       "'presence', x.presence, 'late_minutes', x.late_minutes) "
       "FROM attendance x JOIN lessons l ON l.id = x.lesson_id JOIN students s ON s.id = x.student_id "
       "WHERE l.uuid || '/' || s.uuid NOT IN (SELECT uuid FROM audit WHERE entity = 'attendance') "
       "ORDER BY x.set_at"},
      {"term_grade",
       "SELECT g.set_by, g.set_at, g.uuid, json_object('student', s.uuid, 'subject', j.uuid, 'term', g.term, "
       "'grade', g.grade, 'proposed', g.proposed) "
       "FROM term_grades g JOIN students s ON s.id = g.student_id JOIN subjects j ON j.id = g.subject_id "
       "WHERE g.uuid NOT IN (SELECT uuid FROM audit WHERE entity = 'term_grade') ORDER BY g.set_at"},
  }};
  auto& h = db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  std::int64_t seq = 0;
  std::string prev = audit_genesis_hash;
  if (auto st = h.each([&](Stmt& r) {
        seq = r.i64(0);
        prev = r.text(1);
      });
      !st)
    return st.error();
  std::int64_t written = 0;
  for (const auto& [entity, sql] : sources) {
    // The NOT IN list is built once when the statement starts, so appending while reading is safe.
    auto& q = db.prepare(sql);
    Status inserted = ok_status();
    auto st = q.each([&](Stmt& q) {
      if (!inserted) return;
      AuditEntry e{seq + 1, q.text(1), q.i64(0), entity, q.text(2), "create", "{}", q.text(3)};
      const auto hash = audit_hash(prev, e);
      inserted = insert_audit_entry(db, e, prev, hash);
      if (!inserted) return;
      seq = e.seq;
      prev = hash;
      ++written;
    });
    if (!st) return st.error();
    if (!inserted) return inserted.error();
  }
  return written;
}

}  // namespace classbook::store
