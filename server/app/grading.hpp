// grading: the teacher's term grade (confirming or overriding the proposal) and the "dot" —
// work owed with an expiry, turned into a mark or expired at the end of the term.
#pragma once

#include <string>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct TermGradeInput {
  std::string student_id, subject_id;
  int term = 0;
  int grade = 0;
};
struct TermGradeResult {
  int grade = 0;
  std::optional<int> proposed;  // what the rules proposed at that moment
  bool overridden = false;
};
void set_term_grade(Context& ctx, const domain::Actor& actor, TermGradeInput in, Reply<TermGradeResult> reply);

struct DotInput {
  std::string student_id, lesson_id, expires_on;
};
struct DotResult {
  std::string id, expires_on, state;
};
void put_dot(Context& ctx, const domain::Actor& actor, DotInput in, Reply<DotResult> reply);
void cancel_dot(Context& ctx, const domain::Actor& actor, std::string dot_id, Reply<Ok> reply);

// Expires dots past their date and every open dot of a term that has ended (run at start and hourly).
void expire_dots(Context& ctx, Reply<int> reply);


}  // namespace classbook::app
