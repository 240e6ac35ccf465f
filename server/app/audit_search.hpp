// audit_search: the director's search of the audit trail (GET /api/v1/audit) — by pupil, class,
// subject, who changed it, dates and kind — with each entry put in words: who (name and role), what
// (the pupil, class, subject and lesson), from what to what, and why (the reason the change carried).
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr std::size_t max_audit_page = 500;

// As the query gives them; each "" when not asked. "Who changed" is the author of the change (the
// account that made it): teacher_id names a teacher's account by the teacher's id, user any account
// by its login. from/to are school dates of the change.
struct AuditQuery {
  std::string student_id, class_id, subject_id, teacher_id, user, entity, from, to;
  long long after = 0;
};

struct AuditEntryView {
  long long seq = 0;
  std::string at, entity, id, action, before, after;  // before/after: the stored JSON text
  std::string actor, actor_role, actor_id;            // name; "teacher", "secretary", …, "box", "kiosk"; account uuid or ""
  // The object, when the kind names one (journal kinds); "" otherwise.
  std::string student_id, student, class_name, subject, lesson_date;
  int lesson_period = 0, term = 0;
  std::string from, to;  // the value before and after in the paper journal's words: "4" → "5", "н" → "уп"; "" none
  std::string reason;    // why, when the change carried a reason (a mark changed or deleted)
  std::string summary;   // the whole entry in one line, in the school's language
};
struct AuditSearchResult {
  std::vector<AuditEntryView> entries;
  long long next_after = 0;  // pass as ?after= for the next page; 0 at the end
};
Result<AuditSearchResult> search_audit_trail(Context& ctx, const domain::Actor& actor, const AuditQuery& q);

}  // namespace classbook::app
