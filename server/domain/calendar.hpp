// calendar: school dates, ISO weeks and terms — civil dates only, no time zones or I/O.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace classbook::domain {

using Date = std::chrono::year_month_day;

// Every function below expects real calendar days (`d.ok()`); parse_date is the gate for outside text.
std::optional<Date> parse_date(std::string_view text);  // "YYYY-MM-DD", a real calendar day
std::string format_date(Date d);                          // "YYYY-MM-DD"
int iso_weekday(Date d);                                  // Monday = 1 … Sunday = 7
Date add_days(Date d, int n);

struct IsoWeek {
  int year = 0;  // ISO week-numbering year
  int week = 0;  // 1..52 or 53
  friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};

// "2026-W48" (also "2026-W8" is rejected: two digits are required). Week 53 only in years that have it.
// Only the capital "W" of ISO 8601 is accepted, so a week has exactly one spelling in URLs and caches.
std::optional<IsoWeek> parse_iso_week(std::string_view text);
int iso_weeks_in_year(int iso_year);  // 52 or 53: a year has week 53 when its 28 December falls in it
std::string format_iso_week(IsoWeek w);  // "2026-W48"
IsoWeek iso_week_of(Date d);
Date monday_of(IsoWeek w);

// How a school divides the academic year.
enum class TermKind { quarters, trimesters, semesters };
std::optional<TermKind> parse_term_kind(std::string_view text);  // "quarters" | "trimesters" | "semesters"
const char* to_string(TermKind k);                                // inverse of parse_term_kind

struct Term {
  int number = 0;  // 1-based within the academic year
  Date start;
  Date end;  // inclusive
};

// The customary Russian division of the academic year that starts on 1 September of `start_year`
// and ends on 31 May of the next year; holidays fall between terms. Quarters:
// 1 Sep–27 Oct, 5 Nov–29 Dec, 9 Jan–22 Mar, 1 Apr–31 May. Trimesters: 1 Sep–30 Nov,
// 1 Dec–28 Feb (29 in leap years), 1 Mar–31 May. Semesters: 1 Sep–29 Dec, 9 Jan–31 May.
std::vector<Term> default_terms(int start_year, TermKind kind);
// The term containing `d`, or none when `d` falls in a holiday or outside the year.
std::optional<Term> term_on(const std::vector<Term>& terms, Date d);

}  // namespace classbook::domain
