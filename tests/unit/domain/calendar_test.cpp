// Tests of school dates: parsing, ISO weeks at year edges, leap years and the default terms.
#include <catch2/catch.hpp>

#include "domain/calendar.hpp"

using namespace classbook::domain;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// 0 for "no term", so a wrong answer fails the check instead of dereferencing nothing.
int number_on(const std::vector<Term>& terms, Date d) {
  const auto t = term_on(terms, d);
  return t ? t->number : 0;
}

}  // namespace

TEST_CASE("dates round-trip through their text form") {
  const auto d = parse_date("2026-11-29");
  REQUIRE(d);
  CHECK(*d == ymd(2026, 11, 29));
  CHECK(format_date(*d) == "2026-11-29");
  CHECK(format_date(ymd(2027, 1, 5)) == "2027-01-05");
  CHECK(format_date(ymd(987, 3, 4)) == "0987-03-04");
}

TEST_CASE("leap days exist only in leap years") {
  CHECK(parse_date("2024-02-29"));
  CHECK(parse_date("2000-02-29"));  // divisible by 400
  CHECK_FALSE(parse_date("2026-02-29"));
  CHECK_FALSE(parse_date("1900-02-29"));  // divisible by 100, not by 400
  CHECK_FALSE(parse_date("2100-02-29"));
}

TEST_CASE("malformed dates are rejected") {
  for (const char* bad : {"", "2026-11-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-05",
                          "2026-01-5", "26-01-05", "2026/01/05", "2026-01-05 ", " 2026-01-05",
                          "2026-01-05T00:00", "+026-01-05", "2026-0a-05", "20260105",
                          "２026-01-05"}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad));
  }
}

TEST_CASE("ISO weekdays count from Monday") {
  CHECK(iso_weekday(ymd(2026, 11, 23)) == 1);  // Monday
  CHECK(iso_weekday(ymd(2026, 11, 29)) == 7);  // Sunday
  CHECK(iso_weekday(ymd(2026, 9, 1)) == 2);    // Tuesday
  CHECK(iso_weekday(ymd(2027, 1, 1)) == 5);    // Friday
  CHECK(iso_weekday(ymd(2000, 2, 29)) == 2);
}

TEST_CASE("adding days crosses months, years and leap days") {
  CHECK(add_days(ymd(2026, 12, 31), 1) == ymd(2027, 1, 1));
  CHECK(add_days(ymd(2027, 1, 1), -1) == ymd(2026, 12, 31));
  CHECK(add_days(ymd(2024, 2, 28), 1) == ymd(2024, 2, 29));
  CHECK(add_days(ymd(2026, 2, 28), 1) == ymd(2026, 3, 1));
  CHECK(add_days(ymd(2024, 3, 1), -1) == ymd(2024, 2, 29));
  CHECK(add_days(ymd(2024, 2, 29), 365) == ymd(2025, 2, 28));
  CHECK(add_days(ymd(2026, 5, 17), 0) == ymd(2026, 5, 17));
}

TEST_CASE("ISO weeks parse and format with two digits") {
  const auto w = parse_iso_week("2026-W48");
  REQUIRE(w);
  CHECK(*w == IsoWeek{2026, 48});
  CHECK(format_iso_week(*w) == "2026-W48");
  CHECK(format_iso_week(IsoWeek{2026, 8}) == "2026-W08");
  CHECK(parse_iso_week("2026-W08") == IsoWeek{2026, 8});
  CHECK(parse_iso_week("2026-W01") == IsoWeek{2026, 1});
}

TEST_CASE("malformed ISO weeks are rejected") {
  for (const char* bad : {"", "2026-W8", "2026-W00", "2026-W54", "2026-W99", "2026-w48", "2026W48",
                          "2026-48", "2026-W048", "2026-W4a", "26-W48", "2026-W48 ", "2026-W-1"}) {
    INFO(bad);
    CHECK_FALSE(parse_iso_week(bad));
  }
}

TEST_CASE("week 53 exists only in years that have it") {
  CHECK(parse_iso_week("2020-W53"));
  CHECK_FALSE(parse_iso_week("2021-W53"));
  CHECK(parse_iso_week("2026-W53"));
  CHECK_FALSE(parse_iso_week("2027-W53"));
  CHECK(parse_iso_week("2015-W53"));
  CHECK(iso_weeks_in_year(2004) == 53);  // leap year starting on Thursday
  CHECK(iso_weeks_in_year(2020) == 53);  // leap year starting on Wednesday
  CHECK(iso_weeks_in_year(2026) == 53);  // common year starting on Thursday
  CHECK(iso_weeks_in_year(2021) == 52);
  CHECK(iso_weeks_in_year(2027) == 52);
  CHECK(iso_weeks_in_year(2000) == 52);
}

TEST_CASE("a day belongs to the ISO week year of its Thursday") {
  CHECK(iso_week_of(ymd(2026, 11, 23)) == IsoWeek{2026, 48});
  CHECK(iso_week_of(ymd(2026, 11, 29)) == IsoWeek{2026, 48});
  CHECK(iso_week_of(ymd(2026, 11, 30)) == IsoWeek{2026, 49});
  CHECK(iso_week_of(ymd(2027, 1, 1)) == IsoWeek{2026, 53});   // Friday of 2026's last week
  CHECK(iso_week_of(ymd(2027, 1, 3)) == IsoWeek{2026, 53});
  CHECK(iso_week_of(ymd(2027, 1, 4)) == IsoWeek{2027, 1});
  CHECK(iso_week_of(ymd(2021, 1, 3)) == IsoWeek{2020, 53});
  CHECK(iso_week_of(ymd(2021, 1, 4)) == IsoWeek{2021, 1});
  CHECK(iso_week_of(ymd(2019, 12, 30)) == IsoWeek{2020, 1});  // December day in next year's week 1
  CHECK(iso_week_of(ymd(2008, 12, 29)) == IsoWeek{2009, 1});
  CHECK(iso_week_of(ymd(2026, 1, 1)) == IsoWeek{2026, 1});    // Thursday: its own year's week 1
  CHECK(iso_week_of(ymd(2024, 2, 29)) == IsoWeek{2024, 9});
}

TEST_CASE("the Monday of an ISO week") {
  CHECK(monday_of(IsoWeek{2026, 48}) == ymd(2026, 11, 23));
  CHECK(monday_of(IsoWeek{2026, 1}) == ymd(2025, 12, 29));
  CHECK(monday_of(IsoWeek{2026, 53}) == ymd(2026, 12, 28));
  CHECK(monday_of(IsoWeek{2020, 1}) == ymd(2019, 12, 30));
  CHECK(monday_of(IsoWeek{2020, 53}) == ymd(2020, 12, 28));
  CHECK(monday_of(IsoWeek{2021, 1}) == ymd(2021, 1, 4));
  CHECK(monday_of(IsoWeek{2027, 1}) == ymd(2027, 1, 4));
}

TEST_CASE("every day of 2019..2028 maps to a week whose Monday is at most six days before") {
  for (Date d = ymd(2019, 1, 1); d <= ymd(2028, 12, 31); d = add_days(d, 1)) {
    const IsoWeek w = iso_week_of(d);
    const Date monday = monday_of(w);
    INFO(format_date(d));
    REQUIRE(iso_weekday(monday) == 1);
    REQUIRE(add_days(monday, iso_weekday(d) - 1) == d);
    REQUIRE(parse_iso_week(format_iso_week(w)) == w);
  }
}

TEST_CASE("term kinds have one spelling each") {
  for (TermKind k : {TermKind::quarters, TermKind::trimesters, TermKind::semesters}) {
    CHECK(parse_term_kind(to_string(k)) == k);
  }
  CHECK(parse_term_kind("quarters") == TermKind::quarters);
  CHECK_FALSE(parse_term_kind("Quarters"));
  CHECK_FALSE(parse_term_kind("quarter"));
  CHECK_FALSE(parse_term_kind(""));
}

TEST_CASE("quarters follow the customary dates") {
  const auto terms = default_terms(2026, TermKind::quarters);
  REQUIRE(terms.size() == 4);
  CHECK(terms[0].number == 1);
  CHECK(terms[0].start == ymd(2026, 9, 1));
  CHECK(terms[0].end == ymd(2026, 10, 27));
  CHECK(terms[1].number == 2);
  CHECK(terms[1].start == ymd(2026, 11, 5));
  CHECK(terms[1].end == ymd(2026, 12, 29));
  CHECK(terms[2].number == 3);
  CHECK(terms[2].start == ymd(2027, 1, 9));
  CHECK(terms[2].end == ymd(2027, 3, 22));
  CHECK(terms[3].number == 4);
  CHECK(terms[3].start == ymd(2027, 4, 1));
  CHECK(terms[3].end == ymd(2027, 5, 31));
}

TEST_CASE("the second trimester ends on the last day of February") {
  const auto common = default_terms(2026, TermKind::trimesters);
  REQUIRE(common.size() == 3);
  CHECK(common[0].start == ymd(2026, 9, 1));
  CHECK(common[0].end == ymd(2026, 11, 30));
  CHECK(common[1].start == ymd(2026, 12, 1));
  CHECK(common[1].end == ymd(2027, 2, 28));
  CHECK(common[2].start == ymd(2027, 3, 1));
  CHECK(common[2].end == ymd(2027, 5, 31));
  CHECK(common[2].number == 3);

  const auto leap = default_terms(2027, TermKind::trimesters);
  REQUIRE(leap.size() == 3);
  CHECK(leap[1].end == ymd(2028, 2, 29));
}

TEST_CASE("semesters follow the customary dates") {
  const auto terms = default_terms(2026, TermKind::semesters);
  REQUIRE(terms.size() == 2);
  CHECK(terms[0].number == 1);
  CHECK(terms[0].start == ymd(2026, 9, 1));
  CHECK(terms[0].end == ymd(2026, 12, 29));
  CHECK(terms[1].number == 2);
  CHECK(terms[1].start == ymd(2027, 1, 9));
  CHECK(terms[1].end == ymd(2027, 5, 31));
}

TEST_CASE("the term of a day, holidays and days outside the year") {
  const auto quarters = default_terms(2026, TermKind::quarters);
  CHECK(number_on(quarters, ymd(2026, 9, 1)) == 1);
  CHECK(number_on(quarters, ymd(2026, 10, 27)) == 1);  // end is inclusive
  CHECK(number_on(quarters, ymd(2026, 10, 28)) == 0);  // autumn holidays
  CHECK(number_on(quarters, ymd(2026, 11, 4)) == 0);
  CHECK(number_on(quarters, ymd(2026, 11, 5)) == 2);
  CHECK(number_on(quarters, ymd(2026, 12, 31)) == 0);  // winter holidays
  CHECK(number_on(quarters, ymd(2027, 1, 8)) == 0);
  CHECK(number_on(quarters, ymd(2027, 1, 9)) == 3);
  CHECK(number_on(quarters, ymd(2027, 3, 25)) == 0);  // spring holidays
  CHECK(number_on(quarters, ymd(2027, 5, 31)) == 4);
  CHECK(number_on(quarters, ymd(2027, 6, 1)) == 0);   // summer
  CHECK(number_on(quarters, ymd(2026, 8, 31)) == 0);  // before the year

  const auto trimesters = default_terms(2027, TermKind::trimesters);
  CHECK(number_on(trimesters, ymd(2028, 2, 29)) == 2);
  CHECK(number_on(trimesters, ymd(2028, 3, 1)) == 3);

  CHECK(number_on({}, ymd(2026, 9, 1)) == 0);
}
