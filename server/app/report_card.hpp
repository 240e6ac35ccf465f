// report_card: the pupil's term report card as a PDF (issue 11) — per subject the marks, the weighted
// average, the proposed and final term grades, absences, and a chart of the marks and the running
// average over the term. Read as GET .../grades reads it (the same rights, the same numbers).
#pragma once

#include <string_view>

#include "app/context.hpp"
#include "app/diary_extract.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// "1 четверть", "2 триместр", "1 полугодие": the school's word for its terms.
std::string term_name(const store::SchoolSettings& school, int number);

Result<IssuedPdf> report_card(Context& ctx, const domain::Actor& actor, std::string_view student_id, std::string_view term);

}  // namespace classbook::app
