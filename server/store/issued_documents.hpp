// issued_documents: the documents the box issued, by their verification code (migration 11).
#pragma once

#include <optional>
#include <string>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

struct IssuedDocument {
  std::string code;
  std::string kind;  // "diary_extract"
  Id student_id = 0;
  std::string period_from, period_to;  // dates, inclusive
  std::string made_at;                 // UTC text
  Id made_by = 0;                      // the user who fetched it
  std::string content_hash;            // the journal's content for the period then (app/diary_extract)
  std::string student_uuid;            // find_issued_document only
  long long audit_seq = 0;             // the audit trail's last entry before the document was read
  std::optional<Id> made_at_kiosk;     // a hall kiosk printed it (for the pupil, made_by)
};

// How many extracts of the pupil hall kiosks made since `since_utc` (their daily limit).
Result<int> kiosk_extracts_since(Db& db, Id student_id, const std::string& since_utc);

// The audit trail's last entry now (0 when empty).
Result<long long> last_audit_seq(Db& db);

// A change to what an extract shows, without its values: which kind of entry, what was done to it,
// the lesson's date and subject, when.
struct JournalChange {
  std::string at;       // UTC text of the change
  std::string entity;   // "mark", "attendance", "lesson_content"
  std::string action;   // "create", "update", "delete"
  std::string lesson_date, subject;
};
// The pupil's marks and attendance and their class's lesson topics and homework, for lessons dated
// from..to, changed after audit entry `after_seq` — oldest first, at most `limit`.
Result<std::vector<JournalChange>> journal_changes(Db& db, Id student_id, const std::string& from, const std::string& to,
                                                   long long after_seq, long long limit);

Status record_issued_document(Db& db, const IssuedDocument& d);
// A failed read is an error, never "no such document".
Result<std::optional<IssuedDocument>> find_issued_document(Db& db, const std::string& code);

}  // namespace classbook::store
