// roster_import: the office's CSV file of pupils (and a guardian each), every row checked.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"
#include "csv.hpp"
#include "roster_names.hpp"

namespace classbook::domain {

constexpr std::size_t max_import_rows = 1000;   // pupils per file: a whole school's intake (issue 12 measures 1,000)

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
