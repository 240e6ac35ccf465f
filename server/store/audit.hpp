// audit: the append-only trail of changes to marks, attendance, term grades and acknowledgements,
// each entry chained to the one before by SHA-256 so that a silent edit is detectable.
#pragma once

#include <cstdint>
#include <string>

#include "store/db.hpp"

namespace classbook::store {

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::int64_t actor_user = 0;
  std::string entity;  // "mark", "attendance", "term_grade", "acknowledgement", "tap"
  std::string uuid;
  std::string action;  // "create", "update", "delete"
  std::string before;  // JSON text, "{}" when nothing was there
  std::string after;
};

constexpr const char* audit_genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hash that chains an entry: SHA-256 over the previous hash and every field, each
// length-prefixed so that no two different entries can hash the same text.
std::string audit_hash(const std::string& prev_hash, const AuditEntry& e);

// Inserts an entry already hashed after `prev_hash` (the writer's WriteContext::audit, tools).
Status insert_audit_entry(Db& db, const AuditEntry& e, const std::string& prev_hash, const std::string& hash);

struct AuditVerdict {
  std::int64_t entries = 0;
  std::int64_t first_bad_seq = 0;  // 0 when the chain is whole
  std::string problem;
};
// Walks the whole chain from the genesis hash.
Result<AuditVerdict> verify_audit_chain(Db& db);

}  // namespace classbook::store
