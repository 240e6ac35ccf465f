// api_clients: SQL for OneRoster API clients, their tokens, and the school as an org.
#include "store/api_clients.hpp"

#include "classbook/common/crypto.hpp"

namespace classbook::store {
namespace {

constexpr const char* client_select =
    "SELECT c.id, c.client_id, c.name, c.scopes, c.user_id, u.uuid, c.created_at, c.created_by, c.revoked_at, "
    "c.revoked_by, c.last_used_at, c.secret_hash FROM api_clients c JOIN users u ON u.id = c.user_id ";

// Scopes are kept as RFC 6749's text of full URIs, as people and the token endpoint read them; a
// URI the box no longer knows (written by a newer version) grants nothing.
domain::ScopeSet scopes_of(const std::string& text) {
  return text.empty() ? domain::ScopeSet{} : domain::parse_scope_text(text).scopes;
}

ApiClientRecord read_client(Stmt& q) {
  ApiClientRecord c;
  c.id = q.i64(0);
  c.client_id = q.text(1);
  c.name = q.text(2);
  c.scopes = scopes_of(q.text(3));
  c.user_id = q.i64(4);
  c.user_uuid = q.text(5);
  c.created_at = q.text(6);
  c.created_by = q.i64(7);
  c.revoked_at = q.opt_text(8);
  c.revoked_by = q.opt_i64(9);
  c.last_used_at = q.opt_text(10);
  return c;
}

}  // namespace

Result<ApiClientRecord> insert_api_client(Db& db, const NewApiClient& n, const std::string& now) {
  // Its own account, so that the audit names it: no usable password ('!' is no argon2id hash) and
  // disabled, and domain::signs_in refuses the role whatever the row says.
  auto& u = db.prepare(
      "INSERT INTO users(uuid, login, password_hash, role, person_id, display_name, must_change_password, disabled, "
      "created_at) VALUES (?,?,'!','api_client',NULL,?,0,1,?)");
  u.bind(1, new_uuid()).bind(2, "api:" + n.client_id).bind(3, n.name).bind(4, now);
  if (auto st = u.run(); !st) return st.error();
  const Id user_id = db.last_insert_id();
  auto& q = db.prepare(
      "INSERT INTO api_clients(client_id, name, secret_hash, scopes, user_id, created_at, created_by) VALUES (?,?,?,?,?,?,?)");
  q.bind(1, n.client_id).bind(2, n.name).bind(3, n.secret_hash).bind(4, domain::to_scope_text(n.scopes));
  q.bind(5, user_id).bind(6, now).bind(7, n.created_by);
  if (auto st = q.run(); !st) return st.error();
  auto made = api_client_by_client_id(db, n.client_id);
  if (!made) return made.error();
  if (!*made) return make_error(Errc::internal, "api_client.not_stored", "the API client was not stored; try again");
  return std::move(**made);
}

Result<std::optional<ApiClientCredential>> api_client_credential(Db& db, std::string_view client_id) {
  auto& q = db.prepare(std::string(client_select) + "WHERE c.client_id=?");
  q.bind(1, client_id);
  return q.first([](Stmt& r) { return ApiClientCredential{read_client(r), r.text(11)}; });
}

Result<std::optional<ApiClientRecord>> api_client_by_client_id(Db& db, std::string_view client_id) {
  auto& q = db.prepare(std::string(client_select) + "WHERE c.client_id=?");
  q.bind(1, client_id);
  return q.first(read_client);
}

Result<std::vector<ApiClientRecord>> all_api_clients(Db& db) {
  auto& q = db.prepare(std::string(client_select) + "ORDER BY c.id DESC");
  return q.all(read_client);
}

Result<int> revoke_api_client(Db& db, Id client, Id by, const std::string& now) {
  auto& q = db.prepare("UPDATE api_clients SET revoked_at=?, revoked_by=? WHERE id=? AND revoked_at IS NULL");
  if (auto st = q.bind(1, now).bind(2, by).bind(3, client).run(); !st) return st.error();
  auto& d = db.prepare("DELETE FROM api_tokens WHERE client=?");
  if (auto st = d.bind(1, client).run(); !st) return st.error();
  return db.changes();
}

Status insert_api_token(Db& db, const std::string& token_hash, Id client, domain::ScopeSet scopes,
                        const std::string& now, const std::string& expires_at, int keep_per_client) {
  auto& q = db.prepare("INSERT INTO api_tokens(token_hash, client, scopes, issued_at, expires_at) VALUES (?,?,?,?,?)");
  q.bind(1, token_hash).bind(2, client).bind(3, domain::to_scope_text(scopes)).bind(4, now).bind(5, expires_at);
  if (auto st = q.run(); !st) return st;
  if (auto st = db.prepare("UPDATE api_clients SET last_used_at=? WHERE id=?").bind(1, now).bind(2, client).run(); !st)
    return st;
  // Expired tokens go (an index on expires_at makes this a short range), and a client that asks for a
  // token on every call keeps only its newest keep_per_client live.
  if (auto st = db.prepare("DELETE FROM api_tokens WHERE expires_at <= ?").bind(1, now).run(); !st) return st;
  return db.prepare("DELETE FROM api_tokens WHERE client=?1 AND id NOT IN "
                    "(SELECT id FROM api_tokens WHERE client=?1 ORDER BY id DESC LIMIT ?2)")
      .bind(1, client).bind(2, keep_per_client).run();
}

Result<std::optional<ApiTokenGrant>> api_token_grant(Db& db, std::string_view token_hash) {
  auto& q = db.prepare(std::string("SELECT c.id, c.client_id, c.name, c.scopes, c.user_id, u.uuid, c.created_at, c.created_by, "
                                   "c.revoked_at, c.revoked_by, c.last_used_at, t.scopes, t.expires_at FROM api_tokens t "
                                   "JOIN api_clients c ON c.id = t.client JOIN users u ON u.id = c.user_id "
                                   "WHERE t.token_hash=? AND c.revoked_at IS NULL"));
  q.bind(1, token_hash);
  return q.first([](Stmt& r) { return ApiTokenGrant{read_client(r), scopes_of(r.text(11)), r.text(12)}; });
}

Result<SchoolOrgRecord> school_org(Db& db) {
  auto& q = db.prepare(
      "SELECT (SELECT value FROM settings WHERE key='uuid'), coalesce((SELECT value FROM settings WHERE key='name'), ''), "
      "coalesce((SELECT value FROM settings WHERE key='identifier'), ''), "
      "coalesce((SELECT value FROM settings WHERE key='org_modified_at'), '')");
  auto row = q.first([](Stmt& r) { return SchoolOrgRecord{r.opt_text(0).value_or(""), r.text(1), r.text(2), r.text(3)}; });
  if (!row) return row.error();
  if (!*row || (*row)->sourced_id.empty())
    return make_error(Errc::internal, "org.no_uuid", "the school has no uuid in its settings (key uuid, made by migration 19); restore it from a backup");
  return std::move(**row);
}

}  // namespace classbook::store
