// roster: SQL for classes, pupils, guardians, links, staff, subjects, teaching and roster accounts.
#include "store/roster.hpp"

#include "domain/roster.hpp"
#include "store/enrolled_on.hpp"

namespace classbook::store {
namespace {

// A person's account: the oldest one of the role, if an administrator ever made a second.
std::string account_join(const char* person, const char* role) {
  return std::string("LEFT JOIN users u ON u.id = (SELECT min(x.id) FROM users x WHERE x.person_id = ") + person +
         " AND x.role = '" + role + "') ";
}
constexpr const char* account_columns = "u.id, u.uuid, u.login, u.disabled, u.must_change_password";

std::optional<AccountBrief> read_account(Stmt& q, int col) {
  if (q.is_null(col)) return std::nullopt;
  return AccountBrief{q.i64(col), q.text(col + 1), q.text(col + 2), q.i32(col + 3) != 0, q.i32(col + 4) != 0};
}

std::string full_name_sql(const char* t) {
  const std::string p(t);
  return p + ".last_name || ' ' || " + p + ".first_name || CASE WHEN " + p + ".middle_name = '' THEN '' ELSE ' ' || " +
         p + ".middle_name END";
}

const std::string& class_select() {
  static const std::string sql =
      "SELECT c.id, c.uuid, c.name, c.grade, c.letter, c.profile, c.class_teacher_id, coalesce(t.uuid, ''), "
      "coalesce(" + full_name_sql("t") + ", ''), "
      "(SELECT count(*) FROM students s WHERE s.class_id = c.id AND " + std::string(enrolled_on_sql) + ") "
      "FROM classes c LEFT JOIN teachers t ON t.id = c.class_teacher_id ";
  return sql;
}

ClassRecord read_class(Stmt& q) {
  ClassRecord c;
  c.id = q.i64(0);
  c.uuid = q.text(1);
  c.name = q.text(2);
  c.grade = q.i32(3);
  c.letter = q.text(4);
  c.profile = q.opt_text(5);
  c.class_teacher_id = q.opt_i64(6);
  c.class_teacher_uuid = q.text(7);
  c.class_teacher_name = q.text(8);
  c.pupil_count = q.i32(9);
  return c;
}

const std::string& pupil_select() {
  static const std::string sql =
      "SELECT s.id, s.uuid, s.last_name, s.first_name, s.middle_name, s.birth_date, s.class_id, c.uuid, c.name, "
      "s.group_no, s.card, s.left_on, s.left_reason, " + std::string(account_columns) +
      " FROM students s JOIN classes c ON c.id = s.class_id " + account_join("s.id", "student");
  return sql;
}

PupilRecord read_pupil(Stmt& q) {
  PupilRecord p;
  p.id = q.i64(0);
  p.uuid = q.text(1);
  p.last_name = q.text(2);
  p.first_name = q.text(3);
  p.middle_name = q.text(4);
  p.birth_date = q.opt_text(5);
  p.class_id = q.i64(6);
  p.class_uuid = q.text(7);
  p.class_name = q.text(8);
  p.group_no = q.i32(9);
  p.card = q.opt_text(10);
  p.left_on = q.opt_text(11);
  p.left_reason = q.opt_text(12);
  p.account = read_account(q, 13);
  return p;
}

// `extra` columns follow the guardian's, from column 13 on.
std::string guardian_select(const char* extra = "") {
  return "SELECT g.id, g.uuid, g.last_name, g.first_name, g.middle_name, g.phone, g.email, " + std::string(account_columns) +
         ", (SELECT count(*) FROM student_guardians n WHERE n.guardian_id = g.id)" + extra + " FROM guardians g " +
         account_join("g.id", "guardian");
}

GuardianRecord read_guardian(Stmt& q) {
  GuardianRecord g;
  g.id = q.i64(0);
  g.uuid = q.text(1);
  g.last_name = q.text(2);
  g.first_name = q.text(3);
  g.middle_name = q.text(4);
  g.phone = q.opt_text(5);
  g.email = q.opt_text(6);
  g.account = read_account(q, 7);
  g.children = q.i32(12);
  return g;
}

const std::string& teacher_select() {
  static const std::string sql =
      "SELECT t.id, t.uuid, t.last_name, t.first_name, t.middle_name, t.phone, t.email, " + std::string(account_columns) +
      ", coalesce((SELECT group_concat(name, ',') FROM (SELECT c.name FROM classes c WHERE c.class_teacher_id = t.id "
      "ORDER BY c.grade, c.letter)), '') FROM teachers t " + account_join("t.id", "teacher");
  return sql;
}

TeacherRecord read_teacher(Stmt& q) {
  TeacherRecord t;
  t.id = q.i64(0);
  t.uuid = q.text(1);
  t.last_name = q.text(2);
  t.first_name = q.text(3);
  t.middle_name = q.text(4);
  t.phone = q.opt_text(5);
  t.email = q.opt_text(6);
  t.account = read_account(q, 7);
  std::string homeroom = q.text(12);
  for (std::size_t start = 0; !homeroom.empty() && start <= homeroom.size();) {
    const auto comma = homeroom.find(',', start);
    t.class_teacher_of.push_back(homeroom.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return t;
}

const std::string& teaching_select() {
  static const std::string sql =
      "SELECT c.uuid, c.name, s.uuid, s.name, t.uuid, " + full_name_sql("t") +
      " FROM teaching x JOIN classes c ON c.id = x.class_id JOIN subjects s ON s.id = x.subject_id "
      "JOIN teachers t ON t.id = x.teacher_id ";
  return sql;
}

TeachingRecord read_teaching(Stmt& q) {
  return TeachingRecord{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)};
}

template <class T, class Read>
Result<std::optional<T>> one(Stmt& q, Read read) {
  return q.first(read);
}

template <class T, class Read>
Result<std::vector<T>> all(Stmt& q, Read read) {
  return q.all(read);
}

Result<Id> inserted(Db& db, Stmt& q) {
  if (auto s = q.run(); !s) return s.error();
  return db.last_insert_id();
}

}  // namespace

// --- classes ---
Result<std::vector<ClassRecord>> all_classes(Db& db, domain::Date today) {
  return all<ClassRecord>(db.prepare(class_select() + "ORDER BY c.grade, c.letter, c.name").bind(1, domain::format_date(today)),
                          read_class);
}

Result<std::optional<ClassRecord>> find_class(Db& db, Id class_id, domain::Date today) {
  // The count's date is the statement's first parameter, the class the second.
  return one<ClassRecord>(db.prepare(class_select() + "WHERE c.id=?2").bind(1, domain::format_date(today)).bind(2, class_id),
                          read_class);
}

Result<std::optional<Id>> class_by_name(Db& db, std::string_view name) {
  return one<Id>(db.prepare("SELECT id FROM classes WHERE name=?").bind(1, name), [](Stmt& q) { return q.i64(0); });
}

Result<std::map<std::string, Id, std::less<>>> class_ids_by_name(Db& db) {
  auto rows = all<std::pair<std::string, Id>>(db.prepare("SELECT name, id FROM classes"),
                                              [](Stmt& q) { return std::pair{q.text(0), q.i64(1)}; });
  if (!rows) return rows.error();
  return std::map<std::string, Id, std::less<>>(rows->begin(), rows->end());
}

Result<Id> insert_class(Db& db, const ClassRecord& c) {
  auto& q = db.prepare("INSERT INTO classes(uuid, name, grade, letter, profile, class_teacher_id) VALUES (?,?,?,?,?,?)");
  q.bind(1, c.uuid).bind(2, c.name).bind(3, c.grade).bind(4, c.letter).bind(5, c.profile).bind(6, c.class_teacher_id);
  return inserted(db, q);
}

Status update_class(Db& db, const ClassRecord& c) {
  auto& q = db.prepare("UPDATE classes SET name=?, grade=?, letter=?, profile=?, class_teacher_id=? WHERE id=?");
  q.bind(1, c.name).bind(2, c.grade).bind(3, c.letter).bind(4, c.profile).bind(5, c.class_teacher_id).bind(6, c.id);
  return q.run();
}

// --- pupils ---
Result<std::vector<PupilRecord>> pupils_of_class(Db& db, Id class_id, domain::Date today, bool with_left) {
  auto& q = db.prepare(pupil_select() + "WHERE s.class_id=? AND (? OR " + std::string(enrolled_on_sql) +
                       ") ORDER BY s.last_name, s.first_name, s.middle_name, s.id");
  return all<PupilRecord>(q.bind(1, class_id).bind(2, with_left ? 1 : 0).bind(3, domain::format_date(today)), read_pupil);
}

Result<std::optional<PupilRecord>> find_pupil(Db& db, Id student_id) {
  return one<PupilRecord>(db.prepare(pupil_select() + "WHERE s.id=?").bind(1, student_id), read_pupil);
}

Result<std::optional<PupilRecord>> pupil_with_card(Db& db, std::string_view card) {
  return one<PupilRecord>(db.prepare(pupil_select() + "WHERE s.card=?").bind(1, card), read_pupil);
}

Result<std::optional<PupilRecord>> same_pupil(Db& db, const PupilRecord& p) {
  auto& q = db.prepare(pupil_select() +
                       "WHERE s.class_id=? AND s.last_name=? AND s.first_name=? AND s.middle_name=? AND s.birth_date IS ? "
                       "AND s.left_on IS NULL AND s.id<>? ORDER BY s.id LIMIT 1");
  q.bind(1, p.class_id).bind(2, p.last_name).bind(3, p.first_name).bind(4, p.middle_name).bind(5, p.birth_date);
  return one<PupilRecord>(q.bind(6, p.id), read_pupil);
}

Result<std::vector<PupilRecord>> pupils_born_on(Db& db, std::string_view birth_date) {
  auto& q = db.prepare(pupil_select() + "WHERE s.birth_date=? AND s.left_on IS NULL ORDER BY s.id");
  return all<PupilRecord>(q.bind(1, birth_date), read_pupil);
}

Result<std::vector<PupilListing>> school_pupils(Db& db, domain::Date today, bool with_left, std::optional<Id> class_id,
                                                int limit) {
  static const std::string sql = [] {
    auto select = pupil_select();
    const auto from = select.find(" FROM students s");
    select.insert(from, ", (SELECT count(*) FROM student_guardians n WHERE n.student_id = s.id)");
    return select + "WHERE (?1 OR " + std::string(enrolled_on_sql).replace(enrolled_on_sql.find('?'), 1, "?2") +
           ") AND (?3 IS NULL OR s.class_id = ?3) "
           "ORDER BY c.grade, c.letter, c.name, s.last_name, s.first_name, s.middle_name, s.id LIMIT ?4";
  }();
  auto& q = db.prepare(sql);
  q.bind(1, with_left ? 1 : 0).bind(2, domain::format_date(today)).bind(3, class_id).bind(4, limit);
  return all<PupilListing>(q, [](Stmt& s) { return PupilListing{read_pupil(s), s.i32(18)}; });
}

Result<Id> insert_pupil(Db& db, const PupilRecord& p) {
  auto& q = db.prepare(
      "INSERT INTO students(uuid, last_name, first_name, middle_name, birth_date, class_id, card, group_no, left_on, "
      "left_reason) VALUES (?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, p.uuid).bind(2, p.last_name).bind(3, p.first_name).bind(4, p.middle_name).bind(5, p.birth_date);
  q.bind(6, p.class_id).bind(7, p.card).bind(8, p.group_no).bind(9, p.left_on).bind(10, p.left_reason);
  return inserted(db, q);
}

Status update_pupil(Db& db, const PupilRecord& p) {
  auto& q = db.prepare(
      "UPDATE students SET last_name=?, first_name=?, middle_name=?, birth_date=?, class_id=?, card=?, group_no=?, "
      "left_on=?, left_reason=? WHERE id=?");
  q.bind(1, p.last_name).bind(2, p.first_name).bind(3, p.middle_name).bind(4, p.birth_date).bind(5, p.class_id);
  q.bind(6, p.card).bind(7, p.group_no).bind(8, p.left_on).bind(9, p.left_reason).bind(10, p.id);
  return q.run();
}

// --- guardians ---
Result<std::vector<GuardianLink>> guardians_of_pupil(Db& db, Id student_id) {
  auto& q = db.prepare(guardian_select(", l.relation") +
                       "JOIN student_guardians l ON l.guardian_id = g.id WHERE l.student_id=? "
                       "ORDER BY g.last_name, g.first_name, g.middle_name, g.id");
  return all<GuardianLink>(q.bind(1, student_id), [](Stmt& s) { return GuardianLink{read_guardian(s), s.text(13)}; });
}

Result<std::vector<GuardianRecord>> search_guardians(Db& db, std::string_view text, std::string_view phone, int limit) {
  auto& q = db.prepare(guardian_select() +
                       "WHERE (? <> '' AND instr(g.last_name || ' ' || g.first_name || ' ' || g.middle_name, ?) > 0) "
                       "OR (? <> '' AND g.phone = ?) ORDER BY g.last_name, g.first_name, g.middle_name, g.id LIMIT ?");
  q.bind(1, text).bind(2, text).bind(3, phone).bind(4, phone).bind(5, limit);
  return all<GuardianRecord>(q, read_guardian);
}

Result<std::optional<GuardianRecord>> find_guardian(Db& db, Id guardian_id) {
  return one<GuardianRecord>(db.prepare(guardian_select() + "WHERE g.id=?").bind(1, guardian_id), read_guardian);
}

Result<std::optional<Id>> guardian_matching(Db& db, std::string_view last_name, std::string_view first_name,
                                    std::string_view phone) {
  auto& q = db.prepare("SELECT min(id) FROM guardians WHERE last_name=? AND first_name=? AND phone=?");
  q.bind(1, last_name).bind(2, first_name).bind(3, phone);
  auto id = one<std::optional<Id>>(q, [](Stmt& s) { return s.opt_i64(0); });
  if (!id) return id.error();
  return id->value_or(std::nullopt);
}

Result<Id> insert_guardian(Db& db, const GuardianRecord& g) {
  auto& q = db.prepare(
      "INSERT INTO guardians(uuid, last_name, first_name, middle_name, phone, email) VALUES (?,?,?,?,?,?)");
  q.bind(1, g.uuid).bind(2, g.last_name).bind(3, g.first_name).bind(4, g.middle_name).bind(5, g.phone).bind(6, g.email);
  return inserted(db, q);
}

Status update_guardian(Db& db, const GuardianRecord& g) {
  auto& q = db.prepare("UPDATE guardians SET last_name=?, first_name=?, middle_name=?, phone=?, email=? WHERE id=?");
  q.bind(1, g.last_name).bind(2, g.first_name).bind(3, g.middle_name).bind(4, g.phone).bind(5, g.email).bind(6, g.id);
  return q.run();
}

Result<std::optional<std::string>> link_relation(Db& db, Id student_id, Id guardian_id) {
  auto& q = db.prepare("SELECT relation FROM student_guardians WHERE student_id=? AND guardian_id=?");
  return one<std::string>(q.bind(1, student_id).bind(2, guardian_id), [](Stmt& s) { return s.text(0); });
}

Status insert_link(Db& db, Id student_id, Id guardian_id, std::string_view relation) {
  return db.prepare("INSERT INTO student_guardians(student_id, guardian_id, relation) VALUES (?,?,?)")
      .bind(1, student_id).bind(2, guardian_id).bind(3, relation).run();
}

Status delete_link(Db& db, Id student_id, Id guardian_id) {
  return db.prepare("DELETE FROM student_guardians WHERE student_id=? AND guardian_id=?")
      .bind(1, student_id).bind(2, guardian_id).run();
}

// --- staff ---
Result<std::vector<TeacherRecord>> all_teachers(Db& db) {
  return all<TeacherRecord>(db.prepare(teacher_select() + "ORDER BY t.last_name, t.first_name, t.middle_name, t.id"),
                            read_teacher);
}

Result<std::optional<TeacherRecord>> find_teacher(Db& db, Id teacher_id) {
  return one<TeacherRecord>(db.prepare(teacher_select() + "WHERE t.id=?").bind(1, teacher_id), read_teacher);
}

Result<Id> insert_teacher(Db& db, const TeacherRecord& t) {
  auto& q = db.prepare(
      "INSERT INTO teachers(uuid, last_name, first_name, middle_name, phone, email) VALUES (?,?,?,?,?,?)");
  q.bind(1, t.uuid).bind(2, t.last_name).bind(3, t.first_name).bind(4, t.middle_name).bind(5, t.phone).bind(6, t.email);
  return inserted(db, q);
}

Status update_teacher(Db& db, const TeacherRecord& t) {
  auto& q = db.prepare("UPDATE teachers SET last_name=?, first_name=?, middle_name=?, phone=?, email=? WHERE id=?");
  q.bind(1, t.last_name).bind(2, t.first_name).bind(3, t.middle_name).bind(4, t.phone).bind(5, t.email).bind(6, t.id);
  return q.run();
}

// --- subjects and teaching ---
Result<std::vector<SubjectRecord>> all_subjects(Db& db) {
  return all<SubjectRecord>(db.prepare("SELECT id, uuid, name, short_name FROM subjects ORDER BY name"),
                            [](Stmt& q) { return SubjectRecord{q.i64(0), q.text(1), q.text(2), q.text(3)}; });
}

Result<Id> insert_subject(Db& db, const SubjectRecord& s) {
  auto& q = db.prepare("INSERT INTO subjects(uuid, name, short_name) VALUES (?,?,?)");
  q.bind(1, s.uuid).bind(2, s.name).bind(3, s.short_name);
  return inserted(db, q);
}

Result<std::vector<TeachingRecord>> teaching_of_class(Db& db, Id class_id) {
  auto& q = db.prepare(teaching_select() + "WHERE x.class_id=? ORDER BY s.name, t.last_name, t.first_name");
  return all<TeachingRecord>(q.bind(1, class_id), read_teaching);
}

Result<std::vector<TeachingRecord>> all_teaching(Db& db) {
  return all<TeachingRecord>(db.prepare(teaching_select() + "ORDER BY c.grade, c.letter, c.name, s.name, t.last_name, t.first_name"),
                             read_teaching);
}

Result<std::optional<TeachingRecord>> find_teaching(Db& db, Id class_id, Id subject_id, Id teacher_id) {
  auto& q = db.prepare(teaching_select() + "WHERE x.class_id=? AND x.subject_id=? AND x.teacher_id=?");
  return one<TeachingRecord>(q.bind(1, class_id).bind(2, subject_id).bind(3, teacher_id), read_teaching);
}

Status insert_teaching(Db& db, Id class_id, Id subject_id, Id teacher_id) {
  return db.prepare("INSERT INTO teaching(class_id, subject_id, teacher_id) VALUES (?,?,?)")
      .bind(1, class_id).bind(2, subject_id).bind(3, teacher_id).run();
}

Status delete_teaching(Db& db, Id class_id, Id subject_id, Id teacher_id) {
  return db.prepare("DELETE FROM teaching WHERE class_id=? AND subject_id=? AND teacher_id=?")
      .bind(1, class_id).bind(2, subject_id).bind(3, teacher_id).run();
}

// --- accounts ---
Result<std::optional<AccountBrief>> account_of(Db& db, domain::Role role, Id person_id) {
  auto& q = db.prepare(std::string("SELECT ") + account_columns +
                       " FROM users u WHERE u.person_id=? AND u.role=? ORDER BY u.id LIMIT 1");
  q.bind(1, person_id).bind(2, domain::to_string(role));
  auto a = one<std::optional<AccountBrief>>(q, [](Stmt& s) { return read_account(s, 0); });
  if (!a) return a.error();
  return a->value_or(std::nullopt);
}

Result<std::string> free_login(Db& db, const std::string& base) {
  for (int n = 1; n <= max_login_tries; ++n) {
    auto candidate = domain::login_candidate(base, n);
    auto& q = db.prepare("SELECT 1 FROM users WHERE login=?");
    auto taken = q.bind(1, candidate).first_or([](Stmt&) { return true; }, false);
    if (!taken) return taken.error();
    if (!*taken) return candidate;
  }
  return make_error(Errc::conflict, "account.logins_exhausted", "every login from '" + base + "' to '" + domain::login_candidate(base, max_login_tries) +
                                        "' is taken; ask the administrator to add the account by hand");
}

Result<std::vector<Id>> end_sessions(Db& db, Id user_id) {
  auto& q = db.prepare("SELECT id FROM sessions WHERE user_id=? ORDER BY id");
  auto ids = all<Id>(q.bind(1, user_id), [](Stmt& s) { return s.i64(0); });
  if (!ids) return ids;
  if (auto s = db.prepare("DELETE FROM sessions WHERE user_id=?").bind(1, user_id).run(); !s) return s.error();
  return ids;
}

Result<std::vector<Id>> disable_account(Db& db, Id user_id) {
  if (auto s = db.prepare("UPDATE users SET disabled=1 WHERE id=?").bind(1, user_id).run(); !s) return s.error();
  return end_sessions(db, user_id);
}

Status rename_account(Db& db, Id user_id, std::string_view display_name) {
  return db.prepare("UPDATE users SET display_name=? WHERE id=?").bind(1, display_name).bind(2, user_id).run();
}

}  // namespace classbook::store
