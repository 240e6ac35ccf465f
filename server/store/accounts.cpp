// accounts: SQL for the administrator's list of accounts.
#include "store/accounts.hpp"

namespace classbook::store {
namespace {

AccountListing read_listing(Stmt& q) {
  AccountListing a;
  a.id = q.i64(0);
  a.uuid = q.text(1);
  a.login = q.text(2);
  domain::parse_role(q.text(3), a.role);
  a.person_uuid = q.opt_text(4);
  a.display_name = q.text(5);
  a.must_change_password = q.i32(6) != 0;
  a.disabled = q.i32(7) != 0;
  a.open_sessions = q.i32(8);
  a.newest_session_at = q.opt_text(9);
  return a;
}

}  // namespace

Result<std::vector<AccountListing>> list_accounts(Db& db, std::optional<domain::Role> role, const std::string& idle_cutoff,
                                                  const std::string& absolute_cutoff) {
  auto& q = db.prepare(
      "SELECT u.id, u.uuid, u.login, u.role, "
      "CASE u.role WHEN 'student' THEN (SELECT uuid FROM students WHERE id=u.person_id) "
      "WHEN 'guardian' THEN (SELECT uuid FROM guardians WHERE id=u.person_id) "
      "WHEN 'teacher' THEN (SELECT uuid FROM teachers WHERE id=u.person_id) END, "
      "u.display_name, u.must_change_password, u.disabled, "
      "(SELECT count(*) FROM sessions s WHERE s.user_id=u.id AND s.last_seen_at>=?1 AND s.created_at>=?2), "
      "(SELECT max(created_at) FROM sessions s WHERE s.user_id=u.id AND s.last_seen_at>=?1 AND s.created_at>=?2) "
      "FROM users u WHERE ?3 IS NULL OR u.role=?3 ORDER BY u.login");
  q.bind(1, idle_cutoff).bind(2, absolute_cutoff);
  q.bind(3, role ? std::optional<std::string>(domain::to_string(*role)) : std::nullopt);
  return q.all(read_listing);
}

Status enable_user(Db& db, Id user_id) {
  return db.prepare("UPDATE users SET disabled=0 WHERE id=?").bind(1, user_id).run();
}

Result<int> enabled_admins(Db& db) {
  auto& q = db.prepare("SELECT count(*) FROM users WHERE role='admin' AND disabled=0");
  return q.first_or([](Stmt& r) { return r.i32(0); }, 0);
}

}  // namespace classbook::store
