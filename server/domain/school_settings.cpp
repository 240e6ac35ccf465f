// school_settings: the checks of the director's settings, each saying what is allowed.
#include "school_settings.hpp"

#include "text.hpp"

namespace classbook::domain {
namespace {

std::optional<int> four_digits(std::string_view s) {
  if (s.size() != 4) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<std::string> check_text(std::string_view text, std::size_t max, const char* what) {
  const auto n = utf8_length(text);
  if (!n) return std::string(what) + " is not valid UTF-8 text";
  if (is_blank(text)) return std::string(what) + " must not be empty";
  if (*n > max) return std::string(what) + " is too long: at most " + std::to_string(max) + " characters";
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return std::string(what) + " must be one line without control characters";
  return std::nullopt;
}

}  // namespace

std::optional<int> parse_academic_year(std::string_view text) {
  if (text.size() != 9 || text[4] != '/') return std::nullopt;
  auto first = four_digits(text.substr(0, 4));
  auto second = four_digits(text.substr(5));
  if (!first || !second || *second != *first + 1) return std::nullopt;
  if (*first < earliest_academic_year || *first > latest_academic_year) return std::nullopt;
  return first;
}

std::string format_academic_year(int start_year) { return std::to_string(start_year) + "/" + std::to_string(start_year + 1); }

std::optional<std::string> check_school_name(std::string_view name) {
  return check_text(name, max_school_name_length, "the school's name");
}

Date academic_year_first_day(int start_year) {
  return Date{std::chrono::year{start_year}, std::chrono::August, std::chrono::day{1}};
}

Date academic_year_last_day(int start_year) {
  return Date{std::chrono::year{start_year + 1}, std::chrono::July, std::chrono::day{31}};
}

std::optional<std::string> check_terms(const std::vector<Term>& terms, int start_year) {
  if (terms.empty()) return "give at least one term";
  if (terms.size() > static_cast<std::size_t>(max_terms))
    return "at most " + std::to_string(max_terms) + " terms: " + std::to_string(terms.size()) + " were given";
  const Date first = academic_year_first_day(start_year), last = academic_year_last_day(start_year);
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const Term& t = terms[i];
    const std::string name = "term " + std::to_string(t.number);
    if (t.number != static_cast<int>(i) + 1)
      return "terms are numbered 1, 2, … in order: number " + std::to_string(i + 1) + " was expected where " +
             std::to_string(t.number) + " is";
    if (t.end < t.start)
      return name + " ends (" + format_date(t.end) + ") before it starts (" + format_date(t.start) + ")";
    if (t.start < first || last < t.end)
      return name + " lies outside the academic year " + format_academic_year(start_year) + " (" + format_date(first) +
             " to " + format_date(last) + ")";
    if (i > 0 && !(terms[i - 1].end < t.start))
      return name + " starts (" + format_date(t.start) + ") before term " + std::to_string(terms[i - 1].number) +
             " has ended (" + format_date(terms[i - 1].end) + "); terms follow one another without overlapping";
  }
  return std::nullopt;
}

std::optional<std::string> check_work_type_weight(int weight) {
  if (weight >= min_work_type_weight && weight <= max_work_type_weight) return std::nullopt;
  return "a weight is a whole number from " + std::to_string(min_work_type_weight) + " to " +
         std::to_string(max_work_type_weight) + "; " + std::to_string(weight) + " is not";
}

std::optional<std::string> check_work_type_rank(int rank) {
  if (rank >= min_work_type_rank && rank <= max_work_type_rank) return std::nullopt;
  return "a rank is " + std::to_string(min_work_type_rank) + " (like homework) to " + std::to_string(max_work_type_rank) +
         " (like tests); " + std::to_string(rank) + " is not";
}

std::optional<std::string> check_work_type_code(std::string_view code) {
  const auto bad = [&] {
    return "a work type's code is 2 to " + std::to_string(max_work_type_code_length) +
           " of the letters a–z, digits and \"_\", starting with a letter (like \"project\")";
  };
  if (code.size() < 2 || code.size() > max_work_type_code_length) return bad();
  if (code.front() < 'a' || code.front() > 'z') return bad();
  for (char c : code)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return bad();
  return std::nullopt;
}

std::optional<std::string> check_work_type_name(std::string_view name) {
  return check_text(name, max_work_type_name_length, "a work type's name");
}

std::optional<MarkScale> scale_with_max(int max) {
  if (max == MarkScale::five_point().max) return MarkScale::five_point();
  if (max == MarkScale::ten_point().max) return MarkScale::ten_point();
  return std::nullopt;
}

}  // namespace classbook::domain
