// roster_import: reads the office's pupil CSV — header, each pupil and guardian checked, duplicates found.
#include "roster_import.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "roster_chars.hpp"
#include "roster_contacts.hpp"
#include "text.hpp"

namespace classbook::domain {

using roster_chars::quoted;
using roster_chars::small_number;

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
      out.push_back({header.line, name, "unknown column " + quoted(name) + "; the columns are: " + column_list(), "column_unknown"});
    else if (!columns.emplace(name, k).second)
      out.push_back({header.line, name, "the column " + quoted(name) + " is named twice", "column_repeated"});
  }
  for (auto required : {"class", "last_name", "first_name"})
    if (!columns.contains(std::string_view(required)))
      out.push_back({header.line, required, std::string("the column '") + required +
                                                "' is missing; the first line names the columns, at least class,last_name,first_name",
                      "column_missing"});
  return columns;
}

// One pupil's line checked; its problems go to `out`.
PupilRow read_pupil(const RowReader& r, int line, Date today, std::vector<RowProblem>& out) {
  PupilRow row;
  row.line = line;
  auto problem = [&](std::string field, std::string message, const char* code) {
    out.push_back({line, std::move(field), std::move(message), code});
  };
  if (auto c = parse_class_name(r.get("class"))) row.klass = *c;
  else problem("class", c.problem, "class_invalid");
  row.name = {r.get("last_name"), r.get("first_name"), r.get("middle_name")};
  for (auto [field, value, what, required] :
       {std::tuple{"last_name", &row.name.last, "the last name", true}, {"first_name", &row.name.first, "the first name", true},
        {"middle_name", &row.name.middle, "the middle name", false}})
    if (auto p = check_person_name(*value, what, required)) problem(field, *p, "name_invalid");
  if (const auto text = r.get("birth_date"); !text.empty()) {
    row.birth_date = parse_birth_date(text, true);
    if (!row.birth_date)
      problem("birth_date", "the birth date " + quoted(text) + " must be a real day like 2014-03-01 or 01.03.2014",
              "birth_date_invalid");
    else if (auto p = check_birth_date(*row.birth_date, today)) problem("birth_date", *p, "birth_date_out_of_range");
  }
  if (const auto text = r.get("group_no"); !text.empty()) {
    const auto n = small_number(text);
    if (!n) problem("group_no", "group_no must be a whole number from 1 to " + std::to_string(max_group_no), "group_no_invalid");
    else if (auto p = check_group_no(*n)) problem("group_no", *p, "group_no_invalid");
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
    if (auto p = check_person_name(*value, what, required)) problem(field, *p, "name_invalid");
  if (!phone.empty()) {
    if (auto p = normalize_phone(phone)) g.phone = *p;
    else problem("guardian_phone", p.problem, "phone_invalid");
  }
  if (!email.empty()) {
    if (auto e = normalize_email(email)) g.email = *e;
    else problem("guardian_email", e.problem, "email_invalid");
  }
  if (!relation.empty()) {
    if (auto p = check_relation(relation)) problem("guardian_relation", *p, "relation_invalid");
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
    out.problems.push_back({bad, {}, "line " + std::to_string(bad) + " is not UTF-8 text; save the file as \"CSV UTF-8\"", "not_utf8"});
    return out;
  }
  auto csv = parse_csv(text);
  if (csv.problem) {
    out.problems.push_back(*csv.problem);
    return out;
  }
  if (csv.records.empty()) {
    out.problems.push_back({0, {}, "the file is empty; its first line names the columns: " + column_list(), "file_empty"});
    return out;
  }
  const auto& header = csv.records.front();
  const auto columns = read_header(header, out.problems);
  if (!out.problems.empty()) return out;
  const std::size_t pupils = csv.records.size() - 1;
  if (pupils == 0) {
    out.problems.push_back({0, {}, "the file names its columns but lists no pupils", "no_pupils"});
    return out;
  }
  if (pupils > max_import_rows) {
    out.problems.push_back({csv.records[max_import_rows + 1].line, {},
                            "the file lists " + std::to_string(pupils) + " pupils; at most " +
                                std::to_string(max_import_rows) + " go in one import — split the file",
                            "too_many_rows"});
    return out;
  }
  std::map<std::string, int> seen;  // class, names and birth date → the line they first appear on
  for (std::size_t k = 1; k < csv.records.size(); ++k) {
    const auto& rec = csv.records[k];
    if (rec.fields.size() > header.fields.size()) {
      out.problems.push_back({rec.line, {}, "the line has " + std::to_string(rec.fields.size()) + " values but the header names " +
                                                std::to_string(header.fields.size()) +
                                                " columns; a value holding the delimiter must be in quotes",
                              "too_many_values"});
      continue;
    }
    auto row = read_pupil(RowReader(columns, rec), rec.line, today, out.problems);
    const auto key = row.klass.text() + "|" + row.name.full() + "|" + (row.birth_date ? format_date(*row.birth_date) : "");
    if (const auto [it, fresh] = seen.emplace(key, rec.line); !fresh)
      out.problems.push_back({rec.line, "last_name", "the same pupil as on line " + std::to_string(it->second) +
                                                         " (same class, name and birth date)",
                              "pupil_repeated"});
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace classbook::domain
