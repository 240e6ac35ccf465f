// kiosks: SQL for kiosk identities and enrolment.
#include "store/kiosks.hpp"

#include "classbook/common/crypto.hpp"

namespace classbook::store {
namespace {

constexpr const char* kiosk_select =
    "SELECT id, uuid, name, mode, cert_fingerprint, token_hash IS NOT NULL, revoked, enrolled_at, last_seen_at, "
    "code_expires_at, created_at FROM kiosks ";

KioskRecord read_kiosk(Stmt& q) {
  KioskRecord k;
  k.id = q.i64(0);
  k.uuid = q.text(1);
  k.name = q.text(2);
  k.mode = domain::parse_kiosk_mode(q.text(3)).value_or(domain::KioskMode::entrance);
  k.cert_fingerprint = q.opt_text(4);
  k.has_device_key = q.i32(5) != 0;
  k.revoked = q.i32(6) != 0;
  k.enrolled_at = q.opt_text(7);
  k.last_seen_at = q.opt_text(8);
  k.code_expires_at = q.opt_text(9);
  k.created_at = q.text(10);
  return k;
}

Result<std::optional<KioskRecord>> one_kiosk(Db& db, const char* where, std::string_view value) {
  auto& q = db.prepare(std::string(kiosk_select) + where);
  q.bind(1, value);
  return q.first(read_kiosk);
}

}  // namespace

Result<std::optional<KioskRecord>> kiosk_by_fingerprint(Db& db, std::string_view fingerprint) {
  return one_kiosk(db, "WHERE cert_fingerprint=?", fingerprint);
}
Result<std::optional<KioskRecord>> kiosk_by_device_key_hash(Db& db, std::string_view key_hash) {
  return one_kiosk(db, "WHERE token_hash=?", key_hash);
}
Result<bool> kiosk_credential_current(Db& db, Id kiosk_id, bool by_key, std::string_view lookup) {
  auto& q = db.prepare(by_key ? "SELECT 1 FROM kiosks WHERE id=? AND revoked=0 AND token_hash=?"
                              : "SELECT 1 FROM kiosks WHERE id=? AND revoked=0 AND cert_fingerprint=?");
  q.bind(1, kiosk_id).bind(2, lookup);
  auto found = q.first([](Stmt&) { return true; });
  if (!found) return found.error();
  return found->has_value();
}
Result<std::optional<KioskRecord>> kiosk_by_uuid(Db& db, std::string_view uuid) { return one_kiosk(db, "WHERE uuid=?", uuid); }
Result<std::optional<KioskRecord>> kiosk_by_name(Db& db, std::string_view name) { return one_kiosk(db, "WHERE name=?", name); }
Result<std::optional<KioskRecord>> kiosk_by_code_hash(Db& db, std::string_view code_hash) {
  return one_kiosk(db, "WHERE code_hash=?", code_hash);
}

Result<std::vector<KioskRecord>> all_kiosks(Db& db) {
  auto& q = db.prepare(std::string(kiosk_select) + "ORDER BY name");
  return q.all(read_kiosk);
}

Result<std::string> kiosk_name(Db& db, Id kiosk_id) {
  auto& q = db.prepare("SELECT name FROM kiosks WHERE id=?");
  q.bind(1, kiosk_id);
  return q.first_or([](Stmt& r) { return r.text(0); }, std::string());
}

Result<std::int64_t> kiosk_version(Db& db) {
  auto& q = db.prepare("SELECT version FROM kiosk_version WHERE id=1");
  return q.first_or([](Stmt& r) { return r.i64(0); }, std::int64_t{0});
}

Result<KioskRecord> put_enrolment_code(Db& db, const std::string& name, domain::KioskMode mode,
                                       const std::string& code_hash, const std::string& expires_at,
                                       const std::string& now) {
  auto found = kiosk_by_name(db, name);
  if (!found) return found.error();
  if (const auto& existing = *found) {
    if (existing->enrolled())
      return make_error(Errc::conflict, "kiosk.already_enrolled", "the kiosk '" + name + "' is enrolled; revoke it first to enrol it again", "name");
    auto& q = db.prepare(
        "UPDATE kiosks SET mode=?, code_hash=?, code_expires_at=?, cert_fingerprint=NULL, token_hash=NULL, revoked=0, "
        "revoked_at=NULL, enrolled_at=NULL WHERE id=?");
    q.bind(1, domain::to_string(mode)).bind(2, code_hash).bind(3, expires_at).bind(4, existing->id);
    if (auto s = q.run(); !s) return s.error();
  } else {
    auto& q = db.prepare(
        "INSERT INTO kiosks(uuid, name, mode, code_hash, code_expires_at, created_at) VALUES (?,?,?,?,?,?)");
    q.bind(1, new_uuid()).bind(2, name).bind(3, domain::to_string(mode)).bind(4, code_hash);
    q.bind(5, expires_at).bind(6, now);
    if (auto s = q.run(); !s) return s.error();
  }
  auto saved = kiosk_by_name(db, name);
  if (!saved) return saved.error();
  if (!*saved) return make_error(Errc::internal, "store.row_vanished", "the kiosk vanished after its code was written");
  return **saved;
}

Result<KioskRecord> insert_kiosk_with_device_key(Db& db, const std::string& name, const std::string& key_hash,
                                                 const std::string& now, domain::KioskMode mode) {
  auto& q = db.prepare("INSERT INTO kiosks(uuid, name, token_hash, created_at, enrolled_at, mode) VALUES (?,?,?,?,?,?)");
  q.bind(1, new_uuid()).bind(2, name).bind(3, key_hash).bind(4, now).bind(5, now).bind(6, domain::to_string(mode));
  if (auto s = q.run(); !s) return s.error();
  auto saved = kiosk_by_name(db, name);
  if (!saved) return saved.error();
  if (!*saved) return make_error(Errc::internal, "store.row_vanished", "the kiosk vanished after it was written");
  return **saved;
}

Status set_kiosk_certificate(Db& db, Id kiosk_id, const std::string& fingerprint, const std::string& now) {
  auto& q = db.prepare(
      "UPDATE kiosks SET cert_fingerprint=?, code_hash=NULL, code_expires_at=NULL, enrolled_at=?, last_seen_at=? "
      "WHERE id=?");
  return q.bind(1, fingerprint).bind(2, now).bind(3, now).bind(4, kiosk_id).run();
}

Status revoke_kiosk(Db& db, Id kiosk_id, const std::string& now) {
  auto& q = db.prepare("UPDATE kiosks SET revoked=1, revoked_at=?, code_hash=NULL, code_expires_at=NULL WHERE id=?");
  return q.bind(1, now).bind(2, kiosk_id).run();
}

Status touch_kiosk(Db& db, Id kiosk_id, const std::string& now) {
  return db.prepare("UPDATE kiosks SET last_seen_at=? WHERE id=?").bind(1, now).bind(2, kiosk_id).run();
}

}  // namespace classbook::store
