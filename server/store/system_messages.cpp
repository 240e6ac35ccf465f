// system_messages: SQL for the box's own sender, its alert threads and the once-a-day notices.
#include "store/system_messages.hpp"

#include "classbook/common/crypto.hpp"
#include "store/community.hpp"

namespace classbook::store {

Result<Id> system_user(Db& db, const std::string& now) {
  auto& find = db.prepare("SELECT id FROM users WHERE login=?");
  find.bind(1, system_login);
  auto found = find.first([](Stmt& r) { return r.i64(0); });
  if (!found) return found.error();
  if (*found) return **found;
  // role kiosk: the box's devices raise these alerts; the account has no person and cannot sign in.
  auto& q = db.prepare(
      "INSERT INTO users(uuid, login, password_hash, role, display_name, must_change_password, disabled, created_at) "
      "VALUES (?,?,'!','kiosk',?,0,1,?)");
  if (auto s = q.bind(1, new_uuid()).bind(2, system_login).bind(3, system_display_name).bind(4, now).run(); !s)
    return s.error();
  return db.last_insert_id();
}

Result<std::optional<Id>> class_teacher_user(Db& db, Id class_id) {
  auto& q = db.prepare(
      "SELECT u.id FROM classes c JOIN users u ON u.person_id = c.class_teacher_id AND u.role='teacher' "
      "WHERE c.id=? AND u.disabled=0 ORDER BY u.id LIMIT 1");
  q.bind(1, class_id);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<SystemThread> system_thread(Db& db, Id system_user, Id user, const std::string& subject, const std::string& now) {
  auto& q = db.prepare(
      "SELECT t.id, t.uuid FROM threads t JOIN thread_members a ON a.thread_id = t.id AND a.user_id=? "
      "JOIN thread_members b ON b.thread_id = t.id AND b.user_id=? WHERE t.subject=? ORDER BY t.id LIMIT 1");
  q.bind(1, system_user).bind(2, user).bind(3, subject);
  auto found = q.first([](Stmt& r) { return SystemThread{r.i64(0), r.text(1)}; });
  if (!found) return found.error();
  if (*found) return std::move(**found);
  SystemThread made{0, new_uuid()};
  auto id = insert_thread(db, made.uuid, subject, now, {system_user, user});
  if (!id) return id.error();
  made.id = *id;
  return made;
}

Result<bool> first_notice_of_day(Db& db, Id student_id, const std::string& kind, const std::string& day) {
  auto& q = db.prepare("INSERT OR IGNORE INTO anomaly_notices(student_id, kind, day) VALUES (?,?,?)");
  if (auto s = q.bind(1, student_id).bind(2, kind).bind(3, day).run(); !s) return s.error();
  return db.changes() > 0;
}

}  // namespace classbook::store
