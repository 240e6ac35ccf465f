// audit_search: a pupil's, class's or subject's entries through their objects' uuids (migration 17's
// index on the journal's kinds), a person's through the index by actor, anything else by a bounded
// scan of the trail in seq order.
#include "store/audit_search.hpp"

#include <algorithm>
#include <array>

namespace classbook::store {
namespace {

constexpr std::array<std::string_view, 6> journal_kinds{"mark", "attendance", "term_grade", "lesson_content", "dot",
                                                         "behaviour_note"};

// "SELECT <key> FROM … WHERE 1 AND …" for one kind of object, with the filters it can take; none
// when the kind cannot match them (a lesson's content names no pupil, a behaviour note no subject).
struct ObjectSource {
  const char* entity;
  const char* select;  // ending in "WHERE 1"
  const char* student_col;  // nullptr: the kind names no pupil
  const char* class_col;
  const char* subject_col;  // nullptr: no subject
};
constexpr std::array<ObjectSource, 6> sources{{
    {"mark", "SELECT m.uuid FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE 1", "m.student_id", "l.class_id", "l.subject_id"},
    {"attendance",
     "SELECT l.uuid || '/' || s.uuid FROM attendance x JOIN lessons l ON l.id = x.lesson_id "
     "JOIN students s ON s.id = x.student_id WHERE 1",
     "x.student_id", "l.class_id", "l.subject_id"},
    {"term_grade", "SELECT g.uuid FROM term_grades g JOIN students s ON s.id = g.student_id WHERE 1", "g.student_id",
     "s.class_id", "g.subject_id"},
    {"dot", "SELECT d.uuid FROM dots d JOIN lessons l ON l.id = d.lesson_id WHERE 1", "d.student_id", "l.class_id", "l.subject_id"},
    {"lesson_content", "SELECT l.uuid FROM lessons l WHERE 1", nullptr, "l.class_id", "l.subject_id"},
    {"behaviour_note", "SELECT b.uuid FROM behaviour_notes b JOIN students s ON s.id = b.student_id WHERE 1",
     "b.student_id", "s.class_id", nullptr},
}};

constexpr const char* entry_columns =
    "SELECT a.seq, a.at, a.actor_user, coalesce(u.display_name, CASE WHEN a.actor_user = 0 THEN 'the box' "
    "ELSE 'kiosk ' || a.actor_user END), coalesce(u.role, CASE WHEN a.actor_user = 0 THEN 'box' ELSE 'kiosk' END), "
    "coalesce(u.uuid, ''), a.entity, a.uuid, a.action, a.before, a.after "
    "FROM audit a LEFT JOIN users u ON u.id = a.actor_user ";

FoundAuditEntry read_entry(Stmt& r) {
  return FoundAuditEntry{r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5),
                         r.text(6), r.text(7),  r.text(8), r.text(9), r.text(10)};
}

// The conditions every mode shares, numbered ?4 (after), ?5 actor, ?6 entity, ?7/?8 the times.
std::string common_conditions(const AuditFilter& f) {
  std::string w = " AND a.seq > ?4";
  if (f.actor_user) w += " AND a.actor_user = ?5";
  if (!f.entity.empty()) w += " AND a.entity = ?6";
  if (!f.at_from.empty()) w += " AND a.at >= ?7";
  if (!f.at_to.empty()) w += " AND a.at <= ?8";
  return w;
}

void bind_common(Stmt& q, const AuditFilter& f) {
  q.bind(4, static_cast<std::int64_t>(f.after));
  if (f.actor_user) q.bind(5, f.actor_user);
  if (!f.entity.empty()) q.bind(6, f.entity);
  if (!f.at_from.empty()) q.bind(7, f.at_from);
  if (!f.at_to.empty()) q.bind(8, f.at_to);
}

// The first seq whose entry is at or after `at` (the last seq + 1 when none). The writer stamps
// entries in seq order, so `at` grows with seq and a bisection finds the place; the times are still
// compared entry by entry, so a clock set back only narrows what is found, never adds to it.
Result<long long> first_seq_at_or_after(Db& db, const std::string& at, long long last_seq) {
  long long lo = 1, hi = last_seq + 1;
  while (lo < hi) {
    const long long mid = lo + (hi - lo) / 2;
    auto& q = db.prepare("SELECT at FROM audit WHERE seq = ?");  // cached; prepare() resets it for the new bind
    q.bind(1, static_cast<std::int64_t>(mid));
    auto found = q.first_or([](Stmt& r) { return r.text(0); }, std::string());
    if (!found) return found.error();
    if (*found < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

Result<AuditSearchPage> by_objects(Db& db, const AuditFilter& f) {
  std::string cand;
  for (const auto& s : sources) {
    if (!f.entity.empty() && f.entity != s.entity) continue;
    if ((f.student_id && !s.student_col) || (f.subject_id && !s.subject_col)) continue;
    std::string sql = s.select;
    if (f.student_id) sql += std::string(" AND ") + s.student_col + " = ?1";
    if (f.class_id) sql += std::string(" AND ") + s.class_col + " = ?2";
    if (f.subject_id) sql += std::string(" AND ") + s.subject_col + " = ?3";
    cand += (cand.empty() ? "" : " UNION ALL ") + sql;
  }
  AuditSearchPage page;
  if (cand.empty()) return page;  // a kind that names no pupil (or subject) asked for with one
  const std::string sql = "WITH cand(uuid) AS MATERIALIZED (" + cand + ") " + entry_columns +
                          "WHERE a.entity IN " + journal_audit_kinds_sql + " AND a.uuid IN (SELECT uuid FROM cand)" +
                          common_conditions(f) + " ORDER BY a.seq LIMIT ?9";
  auto& q = db.prepare(sql);
  if (f.student_id) q.bind(1, f.student_id);
  if (f.class_id) q.bind(2, f.class_id);
  if (f.subject_id) q.bind(3, f.subject_id);
  bind_common(q, f);
  q.bind(9, static_cast<std::int64_t>(f.limit));
  auto rows = q.all(read_entry);
  if (!rows) return rows.error();
  page.entries = std::move(*rows);
  return page;
}

Result<AuditSearchPage> by_actor(Db& db, const AuditFilter& f) {
  const std::string sql = std::string(entry_columns) + "WHERE a.entity IN " + journal_audit_kinds_sql +
                          common_conditions(f) + " ORDER BY a.seq LIMIT ?9";
  auto& q = db.prepare(sql);
  bind_common(q, f);
  q.bind(9, static_cast<std::int64_t>(f.limit));
  auto rows = q.all(read_entry);
  if (!rows) return rows.error();
  return AuditSearchPage{std::move(*rows), 0};
}

Result<AuditSearchPage> by_scan(Db& db, const AuditFilter& f) {
  auto& m = db.prepare("SELECT coalesce(max(seq), 0) FROM audit");
  auto last = m.first_or([](Stmt& r) { return static_cast<long long>(r.i64(0)); }, 0LL);
  if (!last) return last.error();
  long long first = f.after + 1, end = *last;  // seqs first..end, inclusive
  if (!f.at_from.empty()) {
    auto s = first_seq_at_or_after(db, f.at_from, *last);
    if (!s) return s.error();
    first = std::max(first, *s);
  }
  if (!f.at_to.empty()) {
    // The first entry after `to` ends the range: its at is past at_to's last millisecond.
    auto s = first_seq_at_or_after(db, f.at_to + "~", *last);
    if (!s) return s.error();
    end = std::min(end, *s - 1);
  }
  AuditSearchPage page;
  if (first > end) return page;
  const long long stop = std::min(end, first - 1 + max_audit_entries_scanned);
  const std::string sql = std::string(entry_columns) + "WHERE a.seq BETWEEN ?10 AND ?11" + common_conditions(f) +
                          " ORDER BY a.seq LIMIT ?9";
  auto& q = db.prepare(sql);
  bind_common(q, f);
  q.bind(9, static_cast<std::int64_t>(f.limit)).bind(10, static_cast<std::int64_t>(first)).bind(11, static_cast<std::int64_t>(stop));
  auto rows = q.all(read_entry);
  if (!rows) return rows.error();
  page.entries = std::move(*rows);
  if (static_cast<long long>(page.entries.size()) < f.limit && stop < end) page.scanned_to = stop;
  return page;
}

}  // namespace

bool is_journal_audit_kind(std::string_view entity) {
  for (auto k : journal_kinds)
    if (k == entity) return true;
  return false;
}

Result<AuditSearchPage> search_audit(Db& db, const AuditFilter& f) {
  const bool journal_only = f.entity.empty() || is_journal_audit_kind(f.entity);
  if (f.student_id || f.class_id || f.subject_id) {
    if (!journal_only) return AuditSearchPage{};  // a pupil's or class's filter names journal objects only
    return by_objects(db, f);
  }
  if (f.actor_user && journal_only) return by_actor(db, f);
  return by_scan(db, f);
}

Result<AuditObject> audit_object(Db& db, const std::string& entity, const std::string& uuid) {
  // Each kind's object by its key, with the pupil, class, subject and lesson it concerns.
  static constexpr std::array<std::pair<std::string_view, const char*>, 6> lookups{{
      {"mark",
       "SELECT s.uuid, s.last_name || ' ' || s.first_name, c.name, j.name, l.date, l.period, 0 FROM marks m "
       "JOIN students s ON s.id = m.student_id JOIN lessons l ON l.id = m.lesson_id JOIN classes c ON c.id = l.class_id "
       "JOIN subjects j ON j.id = l.subject_id WHERE m.uuid = ?1"},
      {"attendance",
       "SELECT s.uuid, s.last_name || ' ' || s.first_name, c.name, j.name, l.date, l.period, 0 FROM lessons l "
       "JOIN students s ON s.uuid = substr(?1, instr(?1, '/') + 1) JOIN classes c ON c.id = l.class_id "
       "JOIN subjects j ON j.id = l.subject_id WHERE l.uuid = substr(?1, 1, instr(?1, '/') - 1)"},
      {"term_grade",
       "SELECT s.uuid, s.last_name || ' ' || s.first_name, c.name, j.name, '', 0, g.term FROM term_grades g "
       "JOIN students s ON s.id = g.student_id JOIN classes c ON c.id = s.class_id JOIN subjects j ON j.id = g.subject_id "
       "WHERE g.uuid = ?1"},
      {"dot",
       "SELECT s.uuid, s.last_name || ' ' || s.first_name, c.name, j.name, l.date, l.period, 0 FROM dots d "
       "JOIN students s ON s.id = d.student_id JOIN lessons l ON l.id = d.lesson_id JOIN classes c ON c.id = l.class_id "
       "JOIN subjects j ON j.id = l.subject_id WHERE d.uuid = ?1"},
      {"lesson_content",
       "SELECT '', '', c.name, j.name, l.date, l.period, 0 FROM lessons l JOIN classes c ON c.id = l.class_id "
       "JOIN subjects j ON j.id = l.subject_id WHERE l.uuid = ?1"},
      {"behaviour_note",
       "SELECT s.uuid, s.last_name || ' ' || s.first_name, c.name, '', '', 0, 0 FROM behaviour_notes b "
       "JOIN students s ON s.id = b.student_id JOIN classes c ON c.id = s.class_id WHERE b.uuid = ?1"},
  }};
  for (const auto& [kind, sql] : lookups) {
    if (kind != entity) continue;
    auto& q = db.prepare(sql);
    q.bind(1, uuid);
    return q.first_or(
        [](Stmt& r) { return AuditObject{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i32(5), r.i32(6)}; },
        AuditObject{});
  }
  if (entity == "student") {
    auto& q = db.prepare(
        "SELECT s.uuid, s.last_name || ' ' || s.first_name, c.name FROM students s JOIN classes c ON c.id = s.class_id "
        "WHERE s.uuid = ?1");
    q.bind(1, uuid);
    return q.first_or([](Stmt& r) { return AuditObject{r.text(0), r.text(1), r.text(2), "", "", 0, 0}; }, AuditObject{});
  }
  return AuditObject{};
}

Result<std::optional<Id>> account_of_teacher(Db& db, std::string_view teacher_uuid) {
  auto& q = db.prepare(
      "SELECT u.id FROM users u JOIN teachers t ON t.id = u.person_id WHERE t.uuid = ? AND u.role = 'teacher'");
  q.bind(1, teacher_uuid);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<std::optional<Id>> account_by_login(Db& db, std::string_view login) {
  auto& q = db.prepare("SELECT id FROM users WHERE login = ?");
  q.bind(1, login);
  return q.first([](Stmt& r) { return r.i64(0); });
}

}  // namespace classbook::store
