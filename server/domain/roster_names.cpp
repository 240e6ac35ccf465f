// roster_names: class names, name checks and birth dates — what a person types for a pupil or guardian.
#include "roster_names.hpp"

#include <algorithm>

#include "roster_chars.hpp"
#include "text.hpp"

namespace classbook::domain {

using roster_chars::append_utf8;
using roster_chars::code_points;
using roster_chars::is_ascii_letter;
using roster_chars::is_digit;
using roster_chars::quoted;
using roster_chars::small_number;

namespace {

bool is_cyrillic_upper(char32_t c) { return (c >= 0x410 && c <= 0x42F) || c == 0x401; }

// Characters a name may hold besides letters.
bool is_name_punctuation(char32_t c) { return c == ' ' || c == '-' || c == '\'' || c == '.' || c == 0x2019 || c == 0x2010; }

// A letter as far as names go: ASCII letters, and anything past Latin-1's symbols that is not a
// control, a general-punctuation mark or a noncharacter.
bool is_name_letter(char32_t c) {
  if (c < 0x80) return is_ascii_letter(c);
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x206F) return false;
  if (c >= 0xFFF0) return false;
  return true;
}

}  // namespace

std::string PersonName::display() const { return first + " " + last; }
std::string PersonName::full() const { return last + " " + first + (middle.empty() ? "" : " " + middle); }

std::string tidy(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      space = true;
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {  // no-break space
      space = true;
      ++i;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

Checked<ClassName> parse_class_name(std::string_view text) {
  const auto t = tidy(text);
  const std::string example = "a class name is its grade (1 to 11) and one Cyrillic letter, like 5А";
  if (t.empty()) return {std::nullopt, "the class name is required; " + example};
  if (!utf8_length(t)) return {std::nullopt, "the class name is not valid UTF-8 text"};
  const auto cps = code_points(t);
  std::size_t i = 0;
  while (i < cps.size() && is_digit(cps[i])) ++i;
  if (i == 0) return {std::nullopt, quoted(t) + " does not start with a grade; " + example};
  const auto grade = i <= 2 && cps[0] != '0' ? small_number(t.substr(0, i)) : std::nullopt;
  if (!grade || *grade < min_grade || *grade > max_grade)
    return {std::nullopt, "the grade in " + quoted(t) + " must be 1 to 11"};
  if (i < cps.size() && (cps[i] == ' ' || cps[i] == '-')) ++i;
  if (i == cps.size()) return {std::nullopt, quoted(t) + " has no letter after the grade; " + example};
  if (cps.size() - i > 1) return {std::nullopt, quoted(t) + " has more than one letter after the grade; " + example};
  char32_t letter = cps[i];
  if (letter >= 0x430 && letter <= 0x44F) letter -= 0x20;
  if (letter == 0x451) letter = 0x401;
  if (!is_cyrillic_upper(letter)) {
    if (!is_ascii_letter(letter)) return {std::nullopt, "the letter in " + quoted(t) + " must be a Cyrillic letter, like А or Б"};
    const char latin = static_cast<char>(letter);
    const bool look_alike = std::string_view("ABCEHKMOPTXYabcehkmoptxy").find(latin) != std::string_view::npos;
    return {std::nullopt, "the letter in " + quoted(t) + " is the Latin " + quoted(std::string(1, latin)) +
                              "; a class's letter is Cyrillic (А, Б, В, …)" +
                              (look_alike ? "; switch the keyboard to Russian and type it again" : "")};
  }
  ClassName name;
  name.grade = *grade;
  append_utf8(name.letter, letter);
  return {name, {}};
}

std::optional<std::string> check_person_name(std::string_view text, std::string_view what, bool required) {
  const std::string w(what);
  const auto n = utf8_length(text);
  if (!n) return w + " is not valid UTF-8 text";
  if (is_blank(text)) return required ? std::optional<std::string>(w + " is required") : std::nullopt;
  if (*n > max_person_name_chars)
    return w + " is too long: at most " + std::to_string(max_person_name_chars) + " characters";
  bool letter = false;
  for (char32_t c : code_points(text)) {
    if (is_name_letter(c)) {
      letter = true;
    } else if (!is_name_punctuation(c)) {
      std::string shown;
      if (c >= 0x20 && c != 0x7F) append_utf8(shown, c);
      return w + " may hold only letters, spaces, hyphens and apostrophes" +
             (shown.empty() ? std::string("; remove the control character") : "; remove " + quoted(shown));
    }
  }
  if (!letter) return w + " needs at least one letter";
  return std::nullopt;
}

std::optional<std::string> check_profile(std::string_view text) {
  const auto n = utf8_length(text);
  if (!n) return "the profile is not valid UTF-8 text";
  if (*n > max_profile_chars) return "the profile is too long: at most " + std::to_string(max_profile_chars) + " characters";
  if (text.find_first_of("\r\n\t") != std::string_view::npos) return "the profile is one line of text";
  return std::nullopt;
}

std::optional<std::string> check_group_no(long long group_no) {
  if (group_no >= 1 && group_no <= max_group_no) return std::nullopt;
  return "group_no must be 1 to " + std::to_string(max_group_no) + " (the pupil's subgroup; 1 when the class is not divided)";
}

std::optional<std::string> check_relation(std::string_view relation) {
  if (std::find(guardian_relations.begin(), guardian_relations.end(), relation) != guardian_relations.end())
    return std::nullopt;
  std::string known;
  for (auto r : guardian_relations) known += (known.empty() ? "" : ", ") + std::string(r);
  return "the relation must be one of: " + known;
}

std::optional<std::string> check_birth_date(Date birth, Date today) {
  using std::chrono::years;
  const Date oldest{today.year() - years(max_pupil_age_years), today.month(), today.day()};
  const Date youngest{today.year() - years(min_pupil_age_years), today.month(), today.day()};
  const auto shown = format_date(birth);
  if (today < birth) return "the birth date " + shown + " is in the future; check the year";
  if (youngest < birth)
    return "a pupil born on " + shown + " would be younger than " + std::to_string(min_pupil_age_years) + "; check the year";
  if (birth < oldest)
    return "a pupil born on " + shown + " would be older than " + std::to_string(max_pupil_age_years) + "; check the year";
  return std::nullopt;
}

std::optional<Date> parse_birth_date(std::string_view text, bool allow_dotted) {
  if (auto d = parse_date(text)) return d;
  // "01.03.2014": day, month, year with two, two and four digits.
  if (!allow_dotted || text.size() != 10 || text[2] != '.' || text[5] != '.') return std::nullopt;
  const std::string iso = std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" + std::string(text.substr(0, 2));
  return parse_date(iso);
}

}  // namespace classbook::domain
