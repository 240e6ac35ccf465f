// audit_search: the audit trail searched by pupil, class, subject, who changed it, when and what kind
// of change — and each found entry's object named (the pupil, class, subject and lesson it concerns).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// The kinds the journal's objects leave in the trail. Migration 17 indexes only these (by object and
// by who changed them): entrance taps, most of a year's trail, stay unindexed so a tap's commit
// pays for no index. Keep this list and migration 17's WHERE the same text.
constexpr const char* journal_audit_kinds_sql = "('mark','attendance','term_grade','lesson_content','dot','behaviour_note')";
bool is_journal_audit_kind(std::string_view entity);

// An unindexed search (a kind outside the journal's, or only dates) reads at most this many entries
// per page and then answers with what it found and where it stopped, so that no page takes long.
constexpr long long max_audit_entries_scanned = 200'000;

struct AuditFilter {
  Id student_id = 0, class_id = 0, subject_id = 0;  // 0: any; any of them keeps to the journal's kinds
  Id actor_user = 0;                                // 0: anyone
  std::string entity;                                // "" any kind
  std::string at_from, at_to;                        // UTC ISO text, inclusive; "" open
  long long after = 0;                               // seq
  long long limit = 500;
};

struct FoundAuditEntry {
  long long seq = 0;
  std::string at;
  Id actor_user = 0;
  std::string actor_name, actor_role, actor_uuid;  // "" for the box (0) and a kiosk without an account
  std::string entity, uuid, action, before, after;
};
struct AuditSearchPage {
  std::vector<FoundAuditEntry> entries;
  long long scanned_to = 0;  // a bounded scan stopped here before reaching the end (0: it did not)
};
Result<AuditSearchPage> search_audit(Db& db, const AuditFilter& f);

// What an entry's object is, for a person: the pupil, class, subject and lesson it concerns (each
// "" / 0 when the kind has none or the row is gone).
struct AuditObject {
  std::string student_uuid, student_name, class_name, subject_name, lesson_date;
  int lesson_period = 0;
  int term = 0;  // term grades
};
Result<AuditObject> audit_object(Db& db, const std::string& entity, const std::string& uuid);

// Who changed it, named as the request names them: a teacher's account by the teacher's uuid, any
// account by its login. None when there is no such account.
Result<std::optional<Id>> account_of_teacher(Db& db, std::string_view teacher_uuid);
Result<std::optional<Id>> account_by_login(Db& db, std::string_view login);

}  // namespace classbook::store
