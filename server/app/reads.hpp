// reads: the diary week, a pupil's term grades and a class journal — each checked by the policy.
#pragma once

#include <optional>
#include <string_view>

#include "app/context.hpp"
#include "app/views.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

Result<DiaryWeekView> get_diary(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                                std::string_view week);
Result<GradesView> get_grades(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                              std::string_view term);
Result<JournalView> get_journal(Context& ctx, const domain::Actor& actor, std::string_view class_id,
                                std::string_view subject_id, std::string_view term);

// The journal of a class × subject over a term, as get_journal shows it once the reader is
// allowed — or of one lesson only (lesson_journal), without the term's averages and grades.
Result<JournalView> assemble_journal(Context& ctx, store::Db& db, store::Id class_id, store::Id subject_id,
                                     std::string_view subject_uuid, const domain::Term& term,
                                     std::optional<store::Id> only_lesson);

// Shared by reads and writes.
MarkView mark_view(const store::SchoolSettings& s, const store::MarkRecord& m);
MarkView mark_view(const store::SchoolSettings& s, store::MarkRecord&& m);  // takes the record's text
std::string minutes_text(int minute);  // 510 → "08:30"
Result<domain::Term> parse_term(const store::SchoolSettings& s, std::string_view term);

}  // namespace classbook::app
