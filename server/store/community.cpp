// community: SQL for announcements, message threads, events, support appeals and the classes people are linked to.
#include "store/community.hpp"

#include <algorithm>

#include "store/id_list.hpp"

namespace classbook::store {
namespace {

constexpr const char* person_columns = "u.id, u.uuid, u.display_name, u.role";

PersonRef read_person(Stmt& q, int col) {
  PersonRef p;
  p.user_id = q.i64(col);
  p.uuid = q.text(col + 1);
  p.name = q.text(col + 2);
  domain::parse_role(q.text(col + 3), p.role);
  return p;
}

Result<std::vector<long long>> ids_of(Stmt& q) {
  return q.all([](Stmt& r) { return static_cast<long long>(r.i64(0)); });
}

constexpr const char* announcement_select =
    "SELECT a.id, a.uuid, a.class_id, coalesce(c.uuid, ''), coalesce(c.name, ''), a.title, a.body, a.created_at, "
    "u.id, u.uuid, u.display_name, u.role FROM announcements a LEFT JOIN classes c ON c.id = a.class_id "
    "JOIN users u ON u.id = a.author_user ";

AnnouncementRecord read_announcement(Stmt& q) {
  AnnouncementRecord a;
  a.id = q.i64(0);
  a.uuid = q.text(1);
  a.class_id = q.opt_i64(2);
  a.class_uuid = q.text(3);
  a.class_name = q.text(4);
  a.title = q.text(5);
  a.body = q.text(6);
  a.created_at = q.text(7);
  a.author = read_person(q, 8);
  return a;
}

constexpr const char* thread_select =
    "SELECT t.id, t.uuid, t.subject, t.created_at, "
    "coalesce((SELECT max(m.created_at) FROM messages m WHERE m.thread_id = t.id), t.created_at), "
    "(SELECT count(*) FROM messages m WHERE m.thread_id = t.id) FROM threads t ";

ThreadRecord read_thread(Stmt& q) {
  return ThreadRecord{q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i32(5)};
}

constexpr const char* appeal_select =
    "SELECT a.id, a.uuid, a.number, a.topic, a.body, a.status, a.answer, a.created_at, a.answered_at, "
    "u.id, u.uuid, u.display_name, u.role FROM appeals a JOIN users u ON u.id = a.author_user ";

AppealRecord read_appeal(Stmt& q) {
  AppealRecord a;
  a.id = q.i64(0);
  a.uuid = q.text(1);
  a.number = q.text(2);
  a.topic = q.text(3);
  a.body = q.text(4);
  a.status = q.text(5);
  a.answer = q.opt_text(6);
  a.created_at = q.text(7);
  a.answered_at = q.opt_text(8);
  a.author = read_person(q, 9);
  return a;
}

}  // namespace

Result<std::vector<long long>> linked_classes(Db& db, domain::Role role, Id person_id) {
  Result<std::vector<long long>> found = std::vector<long long>{};
  if (role == domain::Role::guardian) {
    auto& q = db.prepare(
        "SELECT DISTINCT s.class_id FROM student_guardians g JOIN students s ON s.id = g.student_id "
        "WHERE g.guardian_id=?");
    found = ids_of(q.bind(1, person_id));
  } else if (role == domain::Role::teacher) {
    auto& q = db.prepare(
        "SELECT class_id FROM teaching WHERE teacher_id=? UNION SELECT id FROM classes WHERE class_teacher_id=?");
    found = ids_of(q.bind(1, person_id).bind(2, person_id));
  } else if (role == domain::Role::student) {
    found = ids_of(db.prepare("SELECT class_id FROM students WHERE id=?").bind(1, person_id));
  }
  if (!found) return found;
  auto& out = *found;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return found;
}

Result<std::vector<AnnouncementRecord>> announcements_for(Db& db, const ClassScope& scope, int limit) {
  auto& q = db.prepare(std::string(announcement_select) +
                       "WHERE ? OR a.class_id IS NULL OR a.class_id IN (SELECT value FROM json_each(?)) "
                       "ORDER BY a.created_at DESC, a.id DESC LIMIT ?");
  q.bind(1, scope.all_classes ? 1 : 0).bind(2, id_array(scope.class_ids)).bind(3, limit);
  return q.all(read_announcement);
}

Result<std::optional<AnnouncementRecord>> find_announcement(Db& db, Id id) {
  auto& q = db.prepare(std::string(announcement_select) + "WHERE a.id=?");
  q.bind(1, id);
  return q.first(read_announcement);
}

Result<Id> insert_announcement(Db& db, const AnnouncementRecord& a) {
  auto& q = db.prepare(
      "INSERT INTO announcements(uuid, class_id, author_user, title, body, created_at) VALUES (?,?,?,?,?,?)");
  q.bind(1, a.uuid).bind(2, a.class_id).bind(3, a.author.user_id).bind(4, a.title).bind(5, a.body);
  if (auto s = q.bind(6, a.created_at).run(); !s) return s.error();
  return db.last_insert_id();
}

Result<std::vector<ThreadRecord>> threads_of_user(Db& db, Id user_id, int limit) {
  // The unread count walks messages_thread from the last read id on: only what is new is read.
  auto& q = db.prepare(
      "SELECT t.id, t.uuid, t.subject, t.created_at, "
      "coalesce((SELECT max(m.created_at) FROM messages m WHERE m.thread_id = t.id), t.created_at), "
      "(SELECT count(*) FROM messages m WHERE m.thread_id = t.id), "
      "(SELECT count(*) FROM messages m WHERE m.thread_id = t.id AND m.id > tm.last_read_message "
      "AND m.author_user <> tm.user_id) "
      "FROM threads t JOIN thread_members tm ON tm.thread_id = t.id WHERE tm.user_id=? "
      "ORDER BY 5 DESC, t.id DESC LIMIT ?");
  q.bind(1, user_id).bind(2, limit);
  return q.all([](Stmt& r) {
    ThreadRecord t = read_thread(r);
    t.unread = r.i32(6);
    return t;
  });
}

Status mark_thread_read(Db& db, Id thread_id, Id user_id) {
  auto& q = db.prepare(
      "UPDATE thread_members SET last_read_message = "
      "(SELECT coalesce(max(id), 0) FROM messages WHERE thread_id = ?1) WHERE thread_id = ?1 AND user_id = ?2");
  return q.bind(1, thread_id).bind(2, user_id).run();
}

Result<std::optional<ThreadRecord>> thread_by_uuid(Db& db, std::string_view uuid) {
  auto& q = db.prepare(std::string(thread_select) + "WHERE t.uuid=?");
  q.bind(1, uuid);
  return q.first(read_thread);
}

Result<bool> is_thread_member(Db& db, Id thread_id, Id user_id) {
  auto& q = db.prepare("SELECT 1 FROM thread_members WHERE thread_id=? AND user_id=?");
  q.bind(1, thread_id).bind(2, user_id);
  return q.first_or([](Stmt&) { return true; }, false);
}

Result<std::vector<PersonRef>> thread_members(Db& db, Id thread_id) {
  auto& q = db.prepare(std::string("SELECT ") + person_columns +
                       " FROM thread_members tm JOIN users u ON u.id = tm.user_id WHERE tm.thread_id=? "
                       "ORDER BY u.display_name, u.id");
  q.bind(1, thread_id);
  return q.all([](Stmt& r) { return read_person(r, 0); });
}

Result<std::vector<MessageRecord>> messages_of_thread(Db& db, Id thread_id, int limit) {
  auto& q = db.prepare(
      "SELECT * FROM (SELECT m.id, m.uuid, m.body, m.created_at, u.id, u.uuid, u.display_name, u.role "
      "FROM messages m JOIN users u ON u.id = m.author_user WHERE m.thread_id=? ORDER BY m.id DESC LIMIT ?) "
      "ORDER BY 1");
  q.bind(1, thread_id).bind(2, limit);
  return q.all([](Stmt& r) {
    MessageRecord m;
    m.id = r.i64(0);
    m.uuid = r.text(1);
    m.body = r.text(2);
    m.created_at = r.text(3);
    m.author = read_person(r, 4);
    return m;
  });
}

Result<std::optional<PersonRef>> person_of_user(Db& db, Id user_id) {
  auto& q = db.prepare(std::string("SELECT ") + person_columns + " FROM users u WHERE u.id=?");
  q.bind(1, user_id);
  return q.first([](Stmt& r) { return read_person(r, 0); });
}

Result<Id> insert_thread(Db& db, const std::string& uuid, const std::string& subject, const std::string& now,
                         const std::vector<Id>& member_users) {
  auto& q = db.prepare("INSERT INTO threads(uuid, subject, created_at) VALUES (?,?,?)");
  if (auto s = q.bind(1, uuid).bind(2, subject).bind(3, now).run(); !s) return s.error();
  const Id thread_id = db.last_insert_id();
  for (Id user : member_users) {
    auto& m = db.prepare("INSERT OR IGNORE INTO thread_members(thread_id, user_id) VALUES (?,?)");
    if (auto s = m.bind(1, thread_id).bind(2, user).run(); !s) return s.error();
  }
  return thread_id;
}

Result<Id> insert_message(Db& db, Id thread_id, const std::string& uuid, Id author_user, const std::string& body,
                          const std::string& now) {
  auto& q = db.prepare("INSERT INTO messages(uuid, thread_id, author_user, body, created_at) VALUES (?,?,?,?,?)");
  q.bind(1, uuid).bind(2, thread_id).bind(3, author_user).bind(4, body).bind(5, now);
  if (auto s = q.run(); !s) return s.error();
  const Id id = db.last_insert_id();
  auto& read = db.prepare("UPDATE thread_members SET last_read_message=? WHERE thread_id=? AND user_id=?");
  if (auto s = read.bind(1, id).bind(2, thread_id).bind(3, author_user).run(); !s) return s.error();
  return id;
}

Result<std::vector<DirectoryEntry>> directory_candidates(Db& db, const ClassScope& scope, int limit) {
  // One row per person and link: staff once without a link (so that the office and teachers with no
  // class in the scope are listed), teachers per subject and class led, pupils per class, guardians
  // per child. ?1 is "every class", ?2 the scope's class ids.
  auto& q = db.prepare(
      "WITH scope(id) AS (SELECT value FROM json_each(?2)), "
      "links(user_id, class_id, subject, child, led) AS ("
      " SELECT u.id, NULL, '', '', 0 FROM users u WHERE u.role IN ('teacher','secretary','director','admin')"
      " UNION ALL SELECT u.id, te.class_id, s.name, '', 0 FROM users u JOIN teaching te ON te.teacher_id = u.person_id"
      "  JOIN subjects s ON s.id = te.subject_id WHERE u.role = 'teacher'"
      " UNION ALL SELECT u.id, c.id, '', '', 1 FROM users u JOIN classes c ON c.class_teacher_id = u.person_id"
      "  WHERE u.role = 'teacher'"
      " UNION ALL SELECT u.id, st.class_id, '', '', 0 FROM users u JOIN students st ON st.id = u.person_id"
      "  WHERE u.role = 'student'"
      " UNION ALL SELECT u.id, st.class_id, '', st.last_name || ' ' || st.first_name, 0 FROM users u"
      "  JOIN student_guardians g ON g.guardian_id = u.person_id JOIN students st ON st.id = g.student_id"
      "  WHERE u.role = 'guardian') "
      "SELECT u.id, u.uuid, u.display_name, u.role, l.class_id, coalesce(c.uuid, ''), coalesce(c.name, ''), "
      "l.subject, l.child, l.led FROM links l JOIN users u ON u.id = l.user_id LEFT JOIN classes c ON c.id = l.class_id "
      "WHERE u.disabled = 0 AND (l.class_id IS NULL OR ?1 OR l.class_id IN (SELECT id FROM scope)) "
      "ORDER BY u.display_name, u.id, c.grade, c.name, l.led DESC, l.subject, l.child LIMIT ?3");
  q.bind(1, scope.all_classes ? 1 : 0).bind(2, id_array(scope.class_ids)).bind(3, limit);
  std::vector<DirectoryEntry> out;
  auto st = q.each([&out](Stmt& r) {
    const Id user = r.i64(0);
    if (out.empty() || out.back().person.user_id != user) out.push_back(DirectoryEntry{read_person(r, 0), {}});
    if (r.is_null(4)) return;
    out.back().links.push_back(DirectoryLink{r.i64(4), r.text(5), r.text(6), r.text(7), r.text(8), r.i32(9) != 0});
  });
  if (!st) return st.error();
  // Pupils and guardians come in only through a link to a class of the scope.
  std::erase_if(out, [](const DirectoryEntry& e) {
    const bool family = e.person.role == domain::Role::student || e.person.role == domain::Role::guardian;
    return family && e.links.empty();
  });
  return out;
}

Result<std::vector<AppealRecord>> appeals_for(Db& db, std::optional<Id> author_user, std::optional<std::string> status,
                                      int limit) {
  auto& q = db.prepare(std::string(appeal_select) +
                       "WHERE (? IS NULL OR a.author_user=?) AND (? IS NULL OR a.status=?) "
                       "ORDER BY a.created_at DESC, a.id DESC LIMIT ?");
  q.bind(1, author_user).bind(2, author_user).bind(3, status).bind(4, status).bind(5, limit);
  return q.all(read_appeal);
}

Result<std::optional<AppealRecord>> find_appeal(Db& db, std::string_view uuid) {
  auto& q = db.prepare(std::string(appeal_select) + "WHERE a.uuid=?");
  q.bind(1, uuid);
  return q.first(read_appeal);
}

Result<long long> next_appeal_seq(Db& db, int year) {
  // "2026-000123": the sequence starts after the four-digit year and its dash.
  auto& q = db.prepare(
      "SELECT coalesce(max(CAST(substr(number, 6) AS INTEGER)), 0) FROM appeals WHERE substr(number, 1, 5)=?");
  q.bind(1, std::to_string(year) + "-");
  auto last = q.first_or([](Stmt& r) { return static_cast<long long>(r.i64(0)); }, 0LL);
  if (!last) return last;
  return *last + 1;
}

Result<Id> insert_appeal(Db& db, const AppealRecord& a) {
  auto& q = db.prepare(
      "INSERT INTO appeals(uuid, number, author_user, topic, body, status, answer, created_at, answered_at) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind(1, a.uuid).bind(2, a.number).bind(3, a.author.user_id).bind(4, a.topic).bind(5, a.body);
  q.bind(6, a.status).bind(7, a.answer).bind(8, a.created_at).bind(9, a.answered_at);
  if (auto s = q.run(); !s) return s.error();
  return db.last_insert_id();
}

Status set_appeal_status(Db& db, Id appeal_id, const std::string& status, const std::optional<std::string>& answer,
                         const std::optional<std::string>& answered_at) {
  return db.prepare("UPDATE appeals SET status=?, answer=?, answered_at=? WHERE id=?")
      .bind(1, status).bind(2, answer).bind(3, answered_at).bind(4, appeal_id).run();
}

}  // namespace classbook::store
