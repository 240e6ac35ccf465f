// audit: chain hashing and verification.
#include "store/audit.hpp"

#include "classbook/common/crypto.hpp"

namespace classbook::store {
namespace {
void add(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}
}  // namespace

std::string audit_hash(const std::string& prev_hash, const AuditEntry& e) {
  std::string text;
  text.reserve(256 + e.before.size() + e.after.size());
  add(text, prev_hash);
  add(text, std::to_string(e.seq));
  add(text, e.at);
  add(text, std::to_string(e.actor_user));
  add(text, e.entity);
  add(text, e.uuid);
  add(text, e.action);
  add(text, e.before);
  add(text, e.after);
  return sha256_hex(text);
}

Status insert_audit_entry(Db& db, const AuditEntry& e, const std::string& prev_hash, const std::string& hash) {
  auto& q = db.prepare(
      "INSERT INTO audit(seq, at, actor_user, entity, uuid, action, before, after, prev_hash, hash) "
      "VALUES (?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, e.seq).bind(2, e.at).bind(3, e.actor_user).bind(4, e.entity).bind(5, e.uuid);
  q.bind(6, e.action).bind(7, e.before).bind(8, e.after).bind(9, prev_hash).bind(10, hash);
  return q.run();
}

Result<AuditVerdict> verify_audit_chain(Db& db) {
  auto& q = db.prepare(
      "SELECT seq, at, actor_user, entity, uuid, action, before, after, prev_hash, hash "
      "FROM audit ORDER BY seq");
  AuditVerdict v;
  std::string prev = audit_genesis_hash;
  std::int64_t expected_seq = 1;
  for (;;) {
    auto row = q.next();
    if (!row) return row.error();
    if (!*row) break;
    AuditEntry e{q.i64(0), q.text(1), q.i64(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)};
    const std::string stored_prev = q.text(8), stored_hash = q.text(9);
    ++v.entries;
    if (e.seq != expected_seq) {
      v.first_bad_seq = e.seq;
      v.problem = "entry " + std::to_string(expected_seq) + " is missing (next is " +
                  std::to_string(e.seq) + "): entries were deleted";
      break;
    }
    if (stored_prev != prev) {
      v.first_bad_seq = e.seq;
      v.problem = "entry " + std::to_string(e.seq) + " does not follow the entry before it";
      break;
    }
    if (audit_hash(prev, e) != stored_hash) {
      v.first_bad_seq = e.seq;
      v.problem = "entry " + std::to_string(e.seq) + " (" + e.entity + " " + e.uuid +
                  ") was changed after it was written";
      break;
    }
    prev = stored_hash;
    ++expected_seq;
  }
  return v;
}

}  // namespace classbook::store
