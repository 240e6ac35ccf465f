// class_documents: a class's paper records (issue 11) — the attendance report for a period and the
// journal of a subject for a term in the paper journal's layout — for the class teacher, the
// subject's teacher (the journal), the office and the director (domain: print_class_records).
#pragma once

#include <string_view>

#include "app/context.hpp"
#include "app/diary_extract.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int max_attendance_report_days = 366;

// `from`/`to`: dates (YYYY-MM-DD), inclusive, at most max_attendance_report_days apart.
Result<IssuedPdf> attendance_report(Context& ctx, const domain::Actor& actor, std::string_view class_id,
                                    std::string_view from, std::string_view to);
// `subject`: a subject's id; `term`: its number in the school year.
Result<IssuedPdf> class_journal(Context& ctx, const domain::Actor& actor, std::string_view class_id,
                                std::string_view subject_id, std::string_view term);

}  // namespace classbook::app
