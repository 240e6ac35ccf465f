// roster: the office's pure rules — class names, people's names, logins from names, contacts, CSV files.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"

namespace classbook::domain {

constexpr int min_grade = 1;
constexpr int max_grade = 11;
constexpr int max_group_no = 4;                 // lesson subgroups of a class (languages, labs)
constexpr std::size_t max_person_name_chars = 60;
constexpr std::size_t max_profile_chars = 60;   // "физико-математический"
constexpr std::size_t min_phone_digits = 6;     // a village's local number
constexpr std::size_t max_phone_digits = 15;    // E.164
constexpr std::size_t max_email_chars = 254;    // RFC 5321's longest path
constexpr std::size_t max_login_surname_chars = 30;  // of the transliterated surname in a login
constexpr int max_pupil_age_years = 25;         // an adult in evening classes at the most
constexpr int min_pupil_age_years = 4;
constexpr std::size_t max_import_rows = 200;    // pupils per file: a whole intake of several classes
constexpr std::array<std::string_view, 7> guardian_relations = {
    "parent", "mother", "father", "grandmother", "grandfather", "guardian", "other"};

// A value read from typed text, or why the text is not one (a sentence for the person who typed it).
template <class T>
struct Checked {
  std::optional<T> value;
  std::string problem;
  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
};

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

// "+7 (900) 123-45-67", "8 900 123 45 67" → "+79001234567"; an 11-digit Russian number written
// with a leading 8 becomes +7, so one phone has one spelling and guardians match by it.
Checked<std::string> normalize_phone(std::string_view text);
// Trimmed, with the domain part in lower case; one @, a dot in the domain, no spaces.
Checked<std::string> normalize_email(std::string_view text);

// --- logins -------------------------------------------------------------------------------------
// Russian (and Ukrainian/Belarusian) letters by the ICAO Doc 9303 table of Russian passports
// ("Щукина Юлия" → "shchukina iuliia"), Latin letters with accents folded, all in lower case.
// Spaces become hyphens; anything else that is no letter or digit is dropped.
std::string transliterate(std::string_view text);
// "ivanova.a" from Иванова Анна; "user" when the surname has no letter the table knows.
std::string login_base(std::string_view last_name, std::string_view first_name);
// The n-th choice for a login: the base itself, then base2, base3, …
std::string login_candidate(const std::string& base, int n);

// --- CSV ----------------------------------------------------------------------------------------
struct CsvRecord {
  int line = 0;  // where the record starts, from 1
  std::vector<std::string> fields;
};
struct RowProblem {
  int line = 0;       // 0: the file as a whole
  std::string field;  // the column at fault, "" for the whole line
  std::string message;
  friend bool operator==(const RowProblem&, const RowProblem&) = default;
};
// RFC 4180 with what spreadsheets really write: quoted fields may hold the delimiter, doubled quotes
// and line breaks; CRLF or LF; a UTF-8 byte-order mark is skipped; records whose fields are all
// empty (trailing ",,,," rows) are dropped. The delimiter is ',' or ';' (Russian Excel), chosen by
// which of the two the first line holds more of. Fails on the first malformed record.
struct CsvParse {
  std::vector<CsvRecord> records;
  std::optional<RowProblem> problem;
};
CsvParse parse_csv(std::string_view text);

// --- the office's import of pupils (and a guardian each) ------------------------------------------
// Column names of the header line; order is free, only the first three are required.
constexpr std::array<std::string_view, 13> roster_csv_columns = {
    "class",          "last_name",         "first_name",         "middle_name",   "birth_date",
    "group_no",       "card",              "guardian_last_name", "guardian_first_name",
    "guardian_middle_name", "guardian_phone", "guardian_email",  "guardian_relation"};

struct GuardianRow {
  PersonName name;
  std::string phone;  // normalised, "" when none
  std::string email;  // normalised, "" when none
  std::string relation = "parent";
};
struct PupilRow {
  int line = 0;
  ClassName klass;
  PersonName name;
  std::optional<Date> birth_date;
  int group_no = 1;
  std::string card;  // as typed, trimmed; the app normalises it with the kiosk's rule
  std::optional<GuardianRow> guardian;
};
// Every row checked: either `problems` lists each bad row and field (and `rows` is to be ignored),
// or it is empty and `rows` holds the pupils in file order.
struct RosterImport {
  std::vector<PupilRow> rows;
  std::vector<RowProblem> problems;
};
RosterImport parse_roster_csv(std::string_view text, Date today);

}  // namespace classbook::domain
