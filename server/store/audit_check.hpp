// audit_check: does the journal still say what its audit trail says? Every mark, attendance entry
// and term grade is compared with the latest audit entry for it, so that a change made beside the
// use cases (a hand-run `sqlite3 UPDATE`) shows up even though the hash chain itself is intact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace classbook::store {

// Mismatches kept with their details; past this only the count grows (a restore of an old file
// could make every row differ, and nobody reads a hundred thousand lines).
constexpr std::size_t max_audit_mismatches_listed = 100;

struct AuditFieldDifference {
  std::string field;     // "value", "presence", "grade", …
  std::string in_audit;  // as the latest audit entry has it ("—" when it has none)
  std::string now;       // as the row has it now ("—" when the row has none)
};

struct AuditMismatch {
  std::string entity;           // "mark", "attendance", "term_grade"
  std::string key;              // the uuid the audit trail uses: a mark's, "lesson/student" for attendance
  std::int64_t audit_seq = 0;   // the latest entry for it, 0 when there is none
  std::string problem;          // "changed without an audit entry", "has no audit entry", "is missing"
  std::vector<AuditFieldDifference> differences;
  std::optional<std::int64_t> student_id;  // the pupil concerned, when the row or entry names one
  std::string row;              // which row, for a person: "Петрова Анна (7А), 2026-11-16 period 2 Алгебра"
};

struct AuditDataVerdict {
  std::int64_t rows_checked = 0;    // marks, attendance entries and term grades read
  std::int64_t mismatch_count = 0;  // all of them
  std::vector<AuditMismatch> mismatches;  // the first max_audit_mismatches_listed
  bool ok() const { return mismatch_count == 0; }
};

// One pass over each table joined with the latest audit entry per object, then one pass over the
// latest entries looking for rows that are gone. Reads only; run it on its own connection.
Result<AuditDataVerdict> verify_audit_matches_data(Db& db);

// "mark 0f…: value: audit 4, now 5; comment: audit '', now 'x' — Петрова Анна (7А), …"
std::string describe(const AuditMismatch& m);

// Writes a "create" entry, as the use cases would have, for every mark, attendance entry and term
// grade that has none, chained after the current head. For journals written outside the use cases
// by the demo generator; call it inside the caller's transaction. Returns the entries written.
Result<std::int64_t> audit_unaudited_journal(Db& db);

}  // namespace classbook::store
