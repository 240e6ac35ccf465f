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
};

Status record_issued_document(Db& db, const IssuedDocument& d);
// A failed read is an error, never "no such document".
Result<std::optional<IssuedDocument>> find_issued_document(Db& db, const std::string& code);

}  // namespace classbook::store
