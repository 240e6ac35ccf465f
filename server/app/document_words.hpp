// document_words: how the printed documents say dates, times, averages and absences — one place, so
// an extract, a report card and a class journal printed the same day say them alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "domain/attendance.hpp"

namespace classbook::app {

// "2026-12-07" → "07.12.2026" (anything shorter is returned as it is).
std::string dotted(std::string_view iso);
// "2026-12-07" → "07.12": a column heading in a class's grid.
std::string day_month(std::string_view iso);
// A moment in the school's time zone: "07.12.2026 08:14".
std::string local_text(const store::SchoolSettings& school, TimePoint t);
std::string local_text(const Context& ctx, TimePoint t);
// A stored UTC text ("2026-12-07T05:14:00Z") the same way; the text itself if it does not parse.
std::string local_text(const Context& ctx, const std::string& utc_text);
// "4,50", or "—" for none.
std::string average_text(std::optional<double> a);
// What an absence is called on paper: "н", "уп (уважительная)", "опоздание 10 мин"; "" when present.
std::string presence_text(std::optional<domain::Presence> p, int late_minutes);

}  // namespace classbook::app
