// people: SQL for settings, users, actors and pupils.
#include "store/people.hpp"

#include <charconv>
#include <map>

#include "store/enrolled_on.hpp"

namespace classbook::store {
namespace {
int to_int(const std::string& s, int fallback) {
  int v = fallback;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}
UserRecord read_user(Stmt& q) {
  UserRecord u;
  u.id = q.i64(0);
  u.uuid = q.text(1);
  u.login = q.text(2);
  u.password_hash = q.text(3);
  domain::parse_role(q.text(4), u.role);
  u.person_id = q.opt_i64(5);
  u.display_name = q.text(6);
  u.must_change_password = q.i32(7) != 0;
  u.disabled = q.i32(8) != 0;
  u.password_set_at = q.text(9);
  return u;
}
constexpr const char* user_columns =
    "SELECT id, uuid, login, password_hash, role, person_id, display_name, must_change_password, "
    "disabled, COALESCE(password_changed_at, created_at) FROM users ";
StudentBrief read_brief(Stmt& q) {
  StudentBrief b;
  b.id = q.i64(0);
  b.uuid = q.text(1);
  b.name = q.text(3) + " " + q.text(2);
  b.full_name = q.text(2) + " " + q.text(3) + (q.text(4).empty() ? "" : " " + q.text(4));
  b.class_id = q.i64(5);
  b.class_name = q.text(6);
  b.group_no = q.i32(7);
  b.class_uuid = q.text(8);
  return b;
}
constexpr const char* brief_columns =
    "SELECT s.id, s.uuid, s.last_name, s.first_name, s.middle_name, s.class_id, c.name, s.group_no, c.uuid "
    "FROM students s JOIN classes c ON c.id = s.class_id ";
}  // namespace

Result<SchoolSettings> load_settings(Db& db) {
  SchoolSettings s;
  std::map<std::string, std::string, std::less<>> kv;
  auto& all = db.prepare("SELECT key, value FROM settings");
  if (auto st = all.each([&](Stmt& r) { kv[r.text(0)] = r.text(1); }); !st) return st.error();
  auto get = [&](std::string_view key, std::string fallback) {
    auto it = kv.find(key);
    return it == kv.end() ? fallback : it->second;
  };
  s.name = get("name", s.name);
  s.scale.max = to_int(get("scale_max", "5"), 5);
  s.rounding.threshold = to_int(get("rounding_threshold_pct", "50"), 50) / 100.0;
  s.rounding.band = to_int(get("rounding_band_pct", "10"), 10) / 100.0;
  s.academic_year = to_int(get("academic_year", "2026"), 2026);
  s.utc_offset_minutes = to_int(get("utc_offset_minutes", "180"), 180);
  s.notice_days_back = to_int(get("notice_days_back", std::to_string(s.notice_days_back)), s.notice_days_back);
  s.journal_grace_days = to_int(get("journal_grace_days", std::to_string(s.journal_grace_days)), s.journal_grace_days);
  if (auto k = domain::parse_term_kind(get("term_kind", "quarters"))) s.term_kind = *k;
  if (auto t = get("score_thresholds", ""); !t.empty()) s.score_thresholds = domain::parse_score_thresholds(t, s.scale);
  auto& t = db.prepare("SELECT number, start_date, end_date FROM terms ORDER BY number");
  if (auto st = t.each([&](Stmt& r) {
        auto a = domain::parse_date(r.text(1));
        auto b = domain::parse_date(r.text(2));
        if (a && b) s.terms.push_back({r.i32(0), *a, *b});
      });
      !st)
    return st.error();
  auto& w = db.prepare("SELECT id, code, name, weight, rank FROM work_types ORDER BY id");
  if (auto st = w.each([&](Stmt& r) {
        s.work_types.push_back({r.i64(0), {r.text(1), r.text(2), r.i32(3), r.i32(4)}});
      });
      !st)
    return st.error();
  return s;
}

Status save_settings(Db& db, const SchoolSettings& s) {
  auto put = [&](const char* k, const std::string& v) {
    return db.prepare("INSERT INTO settings(key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")
        .bind(1, k).bind(2, v).run();
  };
  const char* kinds[] = {"quarters", "trimesters", "semesters"};
  for (auto st : {put("name", s.name), put("scale_max", std::to_string(s.scale.max)),
                  put("rounding_threshold_pct", std::to_string(int(s.rounding.threshold * 100 + 0.5))),
                  put("rounding_band_pct", std::to_string(int(s.rounding.band * 100 + 0.5))),
                  put("academic_year", std::to_string(s.academic_year)),
                  put("utc_offset_minutes", std::to_string(s.utc_offset_minutes)),
                  put("term_kind", kinds[int(s.term_kind)])})
    if (!st) return st;
  if (auto st = db.exec("DELETE FROM terms"); !st) return st;
  for (const auto& t : s.terms)
    if (auto st = db.prepare("INSERT INTO terms VALUES (?,?,?)").bind(1, t.number)
                      .bind(2, domain::format_date(t.start)).bind(3, domain::format_date(t.end)).run(); !st)
      return st;
  for (const auto& w : s.work_types)
    if (auto st = db.prepare("INSERT INTO work_types(code, name, weight, rank) VALUES (?,?,?,?) "
                             "ON CONFLICT(code) DO UPDATE SET name=excluded.name, weight=excluded.weight, rank=excluded.rank")
                      .bind(1, w.type.code).bind(2, w.type.name).bind(3, w.type.weight).bind(4, w.type.rank).run(); !st)
      return st;
  return ok_status();
}

Result<std::optional<UserRecord>> find_user_by_login(Db& db, std::string_view login) {
  auto& q = db.prepare(std::string(user_columns) + "WHERE login=?");
  q.bind(1, login);
  return q.first(read_user);
}

Result<std::optional<UserRecord>> find_user(Db& db, Id user_id) {
  auto& q = db.prepare(std::string(user_columns) + "WHERE id=?");
  q.bind(1, user_id);
  return q.first(read_user);
}

Result<Id> insert_user(Db& db, const UserRecord& u, const std::string& now) {
  auto& q = db.prepare(
      "INSERT INTO users(uuid, login, password_hash, role, person_id, display_name, "
      "must_change_password, disabled, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind(1, u.uuid).bind(2, u.login).bind(3, u.password_hash).bind(4, domain::to_string(u.role));
  q.bind(5, u.person_id).bind(6, u.display_name).bind(7, u.must_change_password ? 1 : 0);
  q.bind(8, u.disabled ? 1 : 0).bind(9, now);
  if (auto s = q.run(); !s) {
    if (s.error().code == Errc::conflict)
      return make_error(Errc::conflict, "account.login_taken", "the login '" + u.login + "' is taken; choose another", "login");
    return s.error();
  }
  return db.last_insert_id();
}

Status set_password(Db& db, Id user_id, const std::string& hash, bool must_change, const std::string& now) {
  return db.prepare("UPDATE users SET password_hash=?, must_change_password=?, password_changed_at=? WHERE id=?")
      .bind(1, hash).bind(2, must_change ? 1 : 0).bind(3, now).bind(4, user_id).run();
}

Status disable_user(Db& db, Id user_id) {
  return db.prepare("UPDATE users SET disabled=1 WHERE id=?").bind(1, user_id).run();
}

Result<domain::Actor> load_actor(Db& db, const UserRecord& u) {
  domain::Actor a;
  a.user_id = u.id;
  a.role = u.role;
  a.person_id = u.person_id.value_or(0);
  if (u.role == domain::Role::guardian) {
    auto& q = db.prepare("SELECT student_id FROM student_guardians WHERE guardian_id=? ORDER BY student_id");
    q.bind(1, a.person_id);
    if (auto st = q.each([&](Stmt& r) { a.children.push_back(r.i64(0)); }); !st) return st.error();
  } else if (u.role == domain::Role::teacher) {
    auto& q = db.prepare("SELECT class_id, subject_id FROM teaching WHERE teacher_id=?");
    q.bind(1, a.person_id);
    if (auto st = q.each([&](Stmt& r) { a.teaches.push_back({r.i64(0), r.i64(1)}); }); !st) return st.error();
    auto& h = db.prepare("SELECT id FROM classes WHERE class_teacher_id=?");
    h.bind(1, a.person_id);
    if (auto st = h.each([&](Stmt& r) { a.homeroom_classes.push_back(r.i64(0)); }); !st) return st.error();
  }
  return a;
}

Result<std::optional<StudentBrief>> student_brief(Db& db, Id student_id) {
  static const std::string sql = std::string(brief_columns) + "WHERE s.id=?";  // read on every diary: built once
  auto& q = db.prepare(sql);
  q.bind(1, student_id);
  return q.first(read_brief);
}

Result<std::optional<Id>> student_by_uuid(Db& db, std::string_view uuid) {
  auto& q = db.prepare("SELECT id FROM students WHERE uuid=?");
  q.bind(1, uuid);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<std::vector<StudentBrief>> children_of(Db& db, Id guardian_id) {
  auto& q = db.prepare(std::string(brief_columns) +
                       "JOIN student_guardians g ON g.student_id = s.id WHERE g.guardian_id=? ORDER BY s.id");
  q.bind(1, guardian_id);
  return q.all(read_brief);
}

Result<std::vector<StudentBrief>> students_of_class(Db& db, Id class_id, domain::Date on) {
  auto& q = db.prepare(std::string(brief_columns) + "WHERE s.class_id=? AND " + std::string(enrolled_on_sql) +
                       " ORDER BY s.last_name, s.first_name");
  q.bind(1, class_id).bind(2, domain::format_date(on));
  return q.all(read_brief);
}

Result<std::vector<TeachingBrief>> teaching_of(Db& db, Id teacher_id) {
  auto& q = db.prepare(
      "SELECT c.uuid, c.name, s.uuid, s.name FROM teaching t JOIN classes c ON c.id = t.class_id "
      "JOIN subjects s ON s.id = t.subject_id WHERE t.teacher_id=? ORDER BY c.grade, c.name, s.name");
  q.bind(1, teacher_id);
  return q.all([](Stmt& r) { return TeachingBrief{r.text(0), r.text(1), r.text(2), r.text(3)}; });
}

}  // namespace classbook::store
