// roster_names: class names and people's names as the office types them, and a pupil's birth date.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "calendar.hpp"
#include "checked.hpp"

namespace classbook::domain {

constexpr int min_grade = 1;
constexpr int max_grade = 11;
constexpr int max_group_no = 4;                 // lesson subgroups of a class (languages, labs)
constexpr std::size_t max_person_name_chars = 60;
constexpr std::size_t max_profile_chars = 60;   // "физико-математический"
constexpr int max_pupil_age_years = 25;         // an adult in evening classes at the most
constexpr int min_pupil_age_years = 4;
constexpr std::array<std::string_view, 7> guardian_relations = {
    "parent", "mother", "father", "grandmother", "grandfather", "guardian", "other"};

// --- classes ------------------------------------------------------------------------------------
struct ClassName {
  int grade = 0;
  std::string letter;  // one upper-case Cyrillic letter, "А"
  std::string text() const { return std::to_string(grade) + letter; }  // "5А"
  friend bool operator==(const ClassName&, const ClassName&) = default;
};
// "5А", "5а", "5 А", "5-а", "11Б". The grade is 1 to 11; the letter is one Cyrillic letter — a Latin
// look-alike ("5A" typed in the English layout, or Y for У) is refused with a message that says so.
Checked<ClassName> parse_class_name(std::string_view text);

// --- people -------------------------------------------------------------------------------------
struct PersonName {
  std::string last, first, middle;  // middle may be empty
  std::string display() const;      // "Анна Иванова", as accounts are shown
  std::string full() const;         // "Иванова Анна Сергеевна", as lists are sorted and printed
};

// Leading and trailing white space removed, inner runs of it made one space.
std::string tidy(std::string_view text);
// None when `text` (tidied) will do as a name part; else what to change. `what` is "the last name",
// "the guardian's first name", …; an empty optional part is fine. Letters of any script, spaces,
// hyphens, apostrophes and dots; at least one letter; at most max_person_name_chars.
std::optional<std::string> check_person_name(std::string_view text, std::string_view what, bool required);
std::optional<std::string> check_profile(std::string_view text);
std::optional<std::string> check_group_no(long long group_no);
std::optional<std::string> check_relation(std::string_view relation);
// A pupil's birth date must lie between max_pupil_age_years and min_pupil_age_years before today.
std::optional<std::string> check_birth_date(Date birth, Date today);
// "2014-03-01"; the CSV import also takes the Russian "01.03.2014".
std::optional<Date> parse_birth_date(std::string_view text, bool allow_dotted);

}  // namespace classbook::domain
