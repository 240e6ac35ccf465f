// calendar: civil-date arithmetic for the school year, built on std::chrono's proleptic Gregorian calendar.
#include "calendar.hpp"

namespace classbook::domain {

namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

// Reads exactly `text.size()` ASCII digits; none on anything else, so "+1" or " 1" never pass as numbers.
std::optional<int> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Zero-padded after any sign, as ISO 8601 writes years and weeks.
std::string padded(int value, std::size_t width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return value < 0 ? "-" + digits : digits;
}

Date make_date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// ISO 8601: a week belongs to the year that holds its Thursday.
Date thursday_of_week_containing(Date d) { return add_days(d, 4 - iso_weekday(d)); }

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  constexpr std::size_t date_length = 10;  // "YYYY-MM-DD"
  if (text.size() != date_length || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = parse_digits(text.substr(0, 4));
  const auto m = parse_digits(text.substr(5, 2));
  const auto d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  const Date date = make_date(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date d) {
  return padded(static_cast<int>(d.year()), 4) + "-" +
         padded(static_cast<int>(static_cast<unsigned>(d.month())), 2) + "-" +
         padded(static_cast<int>(static_cast<unsigned>(d.day())), 2);
}

int iso_weekday(Date d) {
  return static_cast<int>(std::chrono::weekday{sys_days{d}}.iso_encoding());
}

Date add_days(Date d, int n) { return Date{sys_days{d} + days{n}}; }

int iso_weeks_in_year(int iso_year) { return iso_week_of(make_date(iso_year, 12, 28)).week; }

std::optional<IsoWeek> parse_iso_week(std::string_view text) {
  constexpr std::size_t week_length = 8;  // "YYYY-Www"
  if (text.size() != week_length || text[4] != '-' || text[5] != 'W') return std::nullopt;
  const auto y = parse_digits(text.substr(0, 4));
  const auto w = parse_digits(text.substr(6, 2));
  if (!y || !w || *w < 1 || *w > iso_weeks_in_year(*y)) return std::nullopt;
  return IsoWeek{*y, *w};
}

std::string format_iso_week(IsoWeek w) { return padded(w.year, 4) + "-W" + padded(w.week, 2); }

IsoWeek iso_week_of(Date d) {
  const Date thursday = thursday_of_week_containing(d);
  const Date jan1 = Date{thursday.year(), std::chrono::January, day{1}};
  const int day_of_year = static_cast<int>((sys_days{thursday} - sys_days{jan1}).count());
  return IsoWeek{static_cast<int>(thursday.year()), day_of_year / 7 + 1};
}

Date monday_of(IsoWeek w) {
  // 4 January is always in week 1, so its Monday anchors the count.
  const Date jan4 = make_date(w.year, 1, 4);
  const Date week1_monday = add_days(jan4, 1 - iso_weekday(jan4));
  return add_days(week1_monday, (w.week - 1) * 7);
}

std::optional<TermKind> parse_term_kind(std::string_view text) {
  if (text == "quarters") return TermKind::quarters;
  if (text == "trimesters") return TermKind::trimesters;
  if (text == "semesters") return TermKind::semesters;
  return std::nullopt;
}

const char* to_string(TermKind k) {
  switch (k) {
    case TermKind::quarters: return "quarters";
    case TermKind::trimesters: return "trimesters";
    case TermKind::semesters: return "semesters";
  }
  return "unknown";
}

std::vector<Term> default_terms(int start_year, TermKind kind) {
  const int next = start_year + 1;
  switch (kind) {
    case TermKind::quarters:
      return {{1, make_date(start_year, 9, 1), make_date(start_year, 10, 27)},
              {2, make_date(start_year, 11, 5), make_date(start_year, 12, 29)},
              {3, make_date(next, 1, 9), make_date(next, 3, 22)},
              {4, make_date(next, 4, 1), make_date(next, 5, 31)}};
    case TermKind::trimesters: {
      const Date last_of_february{std::chrono::year_month_day_last{
          year{next}, std::chrono::month_day_last{std::chrono::February}}};
      return {{1, make_date(start_year, 9, 1), make_date(start_year, 11, 30)},
              {2, make_date(start_year, 12, 1), last_of_february},
              {3, make_date(next, 3, 1), make_date(next, 5, 31)}};
    }
    case TermKind::semesters:
      return {{1, make_date(start_year, 9, 1), make_date(start_year, 12, 29)},
              {2, make_date(next, 1, 9), make_date(next, 5, 31)}};
  }
  return {};
}

std::optional<Term> term_on(const std::vector<Term>& terms, Date d) {
  for (const Term& t : terms) {
    if (t.start <= d && d <= t.end) return t;
  }
  return std::nullopt;
}

}  // namespace classbook::domain
