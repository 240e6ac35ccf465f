// roster: class names, name checks, ICAO transliteration for logins, phones and e-mails, CSV reading.
#include "roster.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "text.hpp"

namespace classbook::domain {

namespace {

// The code points of text that utf8_length has already accepted.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += n;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_cyrillic_upper(char32_t c) { return (c >= 0x410 && c <= 0x42F) || c == 0x401; }

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// ICAO Doc 9303 (Russian passports since 2013) for а…я.
constexpr std::array<std::string_view, 32> icao_russian = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia"};
// Latin-1 letters À…ÿ folded to plain Latin; × and ÷ are no letters.
constexpr std::array<std::string_view, 32> latin1_folded = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss"};

std::string_view latin_of(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) c += 0x20;
  if (c >= 0x430 && c <= 0x44F) return icao_russian[c - 0x430];
  switch (c) {
    case 0x401: case 0x451: return "e";                                   // Ё ё
    case 0x406: case 0x456: case 0x407: case 0x457: return "i";           // І і Ї ї
    case 0x404: case 0x454: return "ie";                                  // Є є
    case 0x490: case 0x491: return "g";                                   // Ґ ґ
    case 0x40E: case 0x45E: return "u";                                   // Ў ў
    case 0xFF: return "y";                                                // ÿ
    default: break;
  }
  if (c >= 0xC0 && c <= 0xFE) return latin1_folded[(c - 0xC0) % 32];
  return {};
}

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

std::optional<int> small_number(std::string_view text) {
  int v = 0;
  const auto* end = text.data() + text.size();
  if (text.empty() || text.size() > 3) return std::nullopt;
  const auto r = std::from_chars(text.data(), end, v);
  if (r.ec != std::errc() || r.ptr != end) return std::nullopt;
  return v;
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

Checked<std::string> normalize_phone(std::string_view text) {
  const auto t = tidy(text);
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return {std::nullopt, "the phone may hold only digits, spaces, a leading '+', '-', '(' and ')'"};
    }
  }
  if (digits.size() < min_phone_digits || digits.size() > max_phone_digits)
    return {std::nullopt, "the phone needs " + std::to_string(min_phone_digits) + " to " +
                              std::to_string(max_phone_digits) + " digits, like +7 900 123-45-67"};
  if (!plus && digits.size() == 11 && (digits[0] == '8' || digits[0] == '7')) return {"+7" + digits.substr(1), {}};
  return {(plus ? "+" : "") + digits, {}};
}

Checked<std::string> normalize_email(std::string_view text) {
  const std::string bad = "the e-mail address must look like name@example.ru";
  const auto t = tidy(text);
  if (t.empty() || t.size() > max_email_chars || !utf8_length(t)) return {std::nullopt, bad};
  const auto at = t.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || t.find('@', at + 1) != std::string::npos) return {std::nullopt, bad};
  std::string domain = t.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string::npos)
    return {std::nullopt, bad};
  for (char c : t)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == ',' || c == ';' || c == '<' || c == '>' || c == '"')
      return {std::nullopt, bad};
  std::transform(domain.begin(), domain.end(), domain.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return {t.substr(0, at + 1) + domain, {}};
}

std::string transliterate(std::string_view text) {
  std::string out;
  if (!utf8_length(text)) return out;
  for (char32_t c : code_points(text)) {
    if (is_ascii_letter(c)) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (is_digit(c)) {
      out += static_cast<char>(c);
    } else if (c == ' ' || c == '-' || c == 0x2010) {
      if (!out.empty() && out.back() != '-') out += '-';
    } else {
      out += latin_of(c);
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string login_base(std::string_view last_name, std::string_view first_name) {
  std::string surname = transliterate(last_name).substr(0, max_login_surname_chars);
  while (!surname.empty() && surname.back() == '-') surname.pop_back();
  if (surname.empty()) surname = "user";
  const auto first = transliterate(first_name);
  const auto initial = std::find_if(first.begin(), first.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return initial == first.end() ? surname : surname + "." + *initial;
}

std::string login_candidate(const std::string& base, int n) { return n <= 1 ? base : base + std::to_string(n); }

CsvParse parse_csv(std::string_view s) {
  CsvParse out;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  const auto first_line = s.substr(0, s.find('\n'));
  const char delim = std::count(first_line.begin(), first_line.end(), ';') >
                             std::count(first_line.begin(), first_line.end(), ',')
                         ? ';'
                         : ',';
  auto fail = [&out](int line, std::string message) {
    out.problem = RowProblem{line, {}, std::move(message)};
    return out;
  };
  int line = 1;
  std::size_t i = 0;
  while (i < s.size()) {
    CsvRecord rec;
    rec.line = line;
    for (;;) {
      std::string field;
      if (i < s.size() && s[i] == '"') {
        const int opened = line;
        for (++i;; ++i) {
          if (i >= s.size())
            return fail(opened, "a quoted value opened on line " + std::to_string(opened) + " is never closed; close the quote");
          if (s[i] == '"') {
            if (i + 1 < s.size() && s[i + 1] == '"') {
              field += '"';
              ++i;
              continue;
            }
            ++i;
            break;
          }
          if (s[i] == '\n') ++line;
          field += s[i];
        }
        if (i < s.size() && s[i] != delim && s[i] != '\r' && s[i] != '\n')
          return fail(line, "after a closing quote must come the delimiter or the end of the line; "
                            "a quote inside a quoted value is written twice (\"\")");
      } else {
        while (i < s.size() && s[i] != delim && s[i] != '\r' && s[i] != '\n') {
          if (s[i] == '"')
            return fail(line, "a quote in the middle of a value; put the whole value in quotes and write the quote twice");
          field += s[i++];
        }
      }
      rec.fields.push_back(std::move(field));
      if (i < s.size() && s[i] == delim) {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == '\r') ++i;
      if (i < s.size() && s[i] == '\n') ++i;
      ++line;
      break;
    }
    if (!std::all_of(rec.fields.begin(), rec.fields.end(), [](const std::string& f) { return is_blank(f); }))
      out.records.push_back(std::move(rec));
  }
  return out;
}

namespace {

// The text of each known column in one record; "" where the file has no such column or value.
class RowReader {
 public:
  RowReader(const std::map<std::string, std::size_t, std::less<>>& columns, const CsvRecord& rec)
      : columns_(columns), rec_(rec) {}
  std::string get(std::string_view column) const {
    const auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= rec_.fields.size()) return {};
    return tidy(rec_.fields[it->second]);
  }

 private:
  const std::map<std::string, std::size_t, std::less<>>& columns_;
  const CsvRecord& rec_;
};

std::string column_list() {
  std::string list;
  for (auto c : roster_csv_columns) list += (list.empty() ? "" : ",") + std::string(c);
  return list;
}

// The header line: which column holds what. Problems go to `out`.
std::map<std::string, std::size_t, std::less<>> read_header(const CsvRecord& header, std::vector<RowProblem>& out) {
  std::map<std::string, std::size_t, std::less<>> columns;
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    std::string name = tidy(header.fields[k]);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    if (std::find(roster_csv_columns.begin(), roster_csv_columns.end(), name) == roster_csv_columns.end())
      out.push_back({header.line, name, "unknown column " + quoted(name) + "; the columns are: " + column_list()});
    else if (!columns.emplace(name, k).second)
      out.push_back({header.line, name, "the column " + quoted(name) + " is named twice"});
  }
  for (auto required : {"class", "last_name", "first_name"})
    if (!columns.contains(std::string_view(required)))
      out.push_back({header.line, required, std::string("the column '") + required +
                                                "' is missing; the first line names the columns, at least class,last_name,first_name"});
  return columns;
}

// One pupil's line checked; its problems go to `out`.
PupilRow read_pupil(const RowReader& r, int line, Date today, std::vector<RowProblem>& out) {
  PupilRow row;
  row.line = line;
  auto problem = [&](std::string field, std::string message) { out.push_back({line, std::move(field), std::move(message)}); };
  if (auto c = parse_class_name(r.get("class"))) row.klass = *c;
  else problem("class", c.problem);
  row.name = {r.get("last_name"), r.get("first_name"), r.get("middle_name")};
  for (auto [field, value, what, required] :
       {std::tuple{"last_name", &row.name.last, "the last name", true}, {"first_name", &row.name.first, "the first name", true},
        {"middle_name", &row.name.middle, "the middle name", false}})
    if (auto p = check_person_name(*value, what, required)) problem(field, *p);
  if (const auto text = r.get("birth_date"); !text.empty()) {
    row.birth_date = parse_birth_date(text, true);
    if (!row.birth_date) problem("birth_date", "the birth date " + quoted(text) + " must be a real day like 2014-03-01 or 01.03.2014");
    else if (auto p = check_birth_date(*row.birth_date, today)) problem("birth_date", *p);
  }
  if (const auto text = r.get("group_no"); !text.empty()) {
    const auto n = small_number(text);
    if (!n) problem("group_no", "group_no must be a whole number from 1 to " + std::to_string(max_group_no));
    else if (auto p = check_group_no(*n)) problem("group_no", *p);
    else row.group_no = *n;
  }
  row.card = r.get("card");
  GuardianRow g;
  g.name = {r.get("guardian_last_name"), r.get("guardian_first_name"), r.get("guardian_middle_name")};
  const auto phone = r.get("guardian_phone"), email = r.get("guardian_email"), relation = r.get("guardian_relation");
  if (g.name.last.empty() && g.name.first.empty() && g.name.middle.empty() && phone.empty() && email.empty() &&
      relation.empty())
    return row;
  for (auto [field, value, what, required] :
       {std::tuple{"guardian_last_name", &g.name.last, "the guardian's last name", true},
        {"guardian_first_name", &g.name.first, "the guardian's first name", true},
        {"guardian_middle_name", &g.name.middle, "the guardian's middle name", false}})
    if (auto p = check_person_name(*value, what, required)) problem(field, *p);
  if (!phone.empty()) {
    if (auto p = normalize_phone(phone)) g.phone = *p;
    else problem("guardian_phone", p.problem);
  }
  if (!email.empty()) {
    if (auto e = normalize_email(email)) g.email = *e;
    else problem("guardian_email", e.problem);
  }
  if (!relation.empty()) {
    if (auto p = check_relation(relation)) problem("guardian_relation", *p);
    else g.relation = relation;
  }
  row.guardian = std::move(g);
  return row;
}

// The first line of `text` that is not UTF-8, from 1; 0 when all are.
int first_line_not_utf8(std::string_view text) {
  int line = 1;
  while (!text.empty()) {
    const auto end = text.find('\n');
    if (!utf8_length(text.substr(0, end))) return line;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
    ++line;
  }
  return 0;
}

}  // namespace

RosterImport parse_roster_csv(std::string_view text, Date today) {
  RosterImport out;
  if (const int bad = first_line_not_utf8(text)) {
    out.problems.push_back({bad, {}, "line " + std::to_string(bad) + " is not UTF-8 text; save the file as \"CSV UTF-8\""});
    return out;
  }
  auto csv = parse_csv(text);
  if (csv.problem) {
    out.problems.push_back(*csv.problem);
    return out;
  }
  if (csv.records.empty()) {
    out.problems.push_back({0, {}, "the file is empty; its first line names the columns: " + column_list()});
    return out;
  }
  const auto& header = csv.records.front();
  const auto columns = read_header(header, out.problems);
  if (!out.problems.empty()) return out;
  const std::size_t pupils = csv.records.size() - 1;
  if (pupils == 0) {
    out.problems.push_back({0, {}, "the file names its columns but lists no pupils"});
    return out;
  }
  if (pupils > max_import_rows) {
    out.problems.push_back({csv.records[max_import_rows + 1].line, {},
                            "the file lists " + std::to_string(pupils) + " pupils; at most " +
                                std::to_string(max_import_rows) + " go in one import — split the file"});
    return out;
  }
  std::map<std::string, int> seen;  // class, names and birth date → the line they first appear on
  for (std::size_t k = 1; k < csv.records.size(); ++k) {
    const auto& rec = csv.records[k];
    if (rec.fields.size() > header.fields.size()) {
      out.problems.push_back({rec.line, {}, "the line has " + std::to_string(rec.fields.size()) + " values but the header names " +
                                                std::to_string(header.fields.size()) +
                                                " columns; a value holding the delimiter must be in quotes"});
      continue;
    }
    auto row = read_pupil(RowReader(columns, rec), rec.line, today, out.problems);
    const auto key = row.klass.text() + "|" + row.name.full() + "|" + (row.birth_date ? format_date(*row.birth_date) : "");
    if (const auto [it, fresh] = seen.emplace(key, rec.line); !fresh)
      out.problems.push_back({rec.line, "last_name", "the same pupil as on line " + std::to_string(it->second) +
                                                         " (same class, name and birth date)"});
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace classbook::domain
