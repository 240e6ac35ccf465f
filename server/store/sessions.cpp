// sessions: SQL for session rows.
#include "store/sessions.hpp"

namespace classbook::store {
namespace {
constexpr const char* session_select =
    "SELECT id, user_id, csrf, created_at, last_seen_at, address, user_agent FROM sessions ";
SessionRecord read_session(Stmt& q) {
  return {q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)};
}
}  // namespace

Result<Id> insert_session(Db& db, const std::string& token_hash, Id user_id, const std::string& csrf,
                          const std::string& now, const std::string& address, const std::string& user_agent) {
  auto& q = db.prepare(
      "INSERT INTO sessions(token_hash, user_id, csrf, created_at, last_seen_at, address, user_agent) "
      "VALUES (?,?,?,?,?,?,?)");
  q.bind(1, token_hash).bind(2, user_id).bind(3, csrf).bind(4, now).bind(5, now).bind(6, address).bind(7, user_agent);
  if (auto s = q.run(); !s) return s.error();
  return db.last_insert_id();
}

Result<std::optional<SessionRecord>> find_session(Db& db, const std::string& token_hash) {
  auto& q = db.prepare(std::string(session_select) + "WHERE token_hash=?");
  q.bind(1, token_hash);
  return q.first(read_session);
}

Result<std::vector<SessionRecord>> sessions_of_user(Db& db, Id user_id) {
  auto& q = db.prepare(std::string(session_select) + "WHERE user_id=? ORDER BY id");
  q.bind(1, user_id);
  return q.all(read_session);
}

Status touch_session(Db& db, Id session_id, const std::string& now) {
  return db.prepare("UPDATE sessions SET last_seen_at=? WHERE id=?").bind(1, now).bind(2, session_id).run();
}
Status delete_session(Db& db, Id session_id) {
  return db.prepare("DELETE FROM sessions WHERE id=?").bind(1, session_id).run();
}
Status delete_sessions_of_user(Db& db, Id user_id) {
  return db.prepare("DELETE FROM sessions WHERE user_id=?").bind(1, user_id).run();
}

Result<bool> delete_session_of_user(Db& db, Id session_id, Id user_id) {
  if (auto st = db.prepare("DELETE FROM sessions WHERE id=? AND user_id=?").bind(1, session_id).bind(2, user_id).run(); !st)
    return st.error();
  return db.changes() > 0;
}

Status delete_other_sessions(Db& db, Id user_id, Id keep) {
  return db.prepare("DELETE FROM sessions WHERE user_id=? AND id<>?").bind(1, user_id).bind(2, keep).run();
}

Result<int> trim_sessions_of_user(Db& db, Id user_id, int keep) {
  auto& q = db.prepare(
      "DELETE FROM sessions WHERE user_id=?1 AND id NOT IN "
      "(SELECT id FROM sessions WHERE user_id=?1 ORDER BY id DESC LIMIT ?2)");
  if (auto st = q.bind(1, user_id).bind(2, keep).run(); !st) return st.error();
  return static_cast<int>(db.changes());
}

Result<int> delete_expired_sessions(Db& db, const std::string& idle_cutoff, const std::string& absolute_cutoff) {
  auto& q = db.prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?");
  if (auto st = q.bind(1, idle_cutoff).bind(2, absolute_cutoff).run(); !st) return st.error();
  return static_cast<int>(db.changes());
}

Result<std::int64_t> account_version(Db& db) {
  auto& q = db.prepare("SELECT version FROM account_version WHERE id=1");
  return q.first_or([](Stmt& r) { return r.i64(0); }, std::int64_t{0});
}

Status bump_account_version(Db& db) {
  return db.prepare("UPDATE account_version SET version = version + 1 WHERE id=1").run();
}

}  // namespace classbook::store
