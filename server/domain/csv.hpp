// csv: RFC 4180 records as spreadsheets really write them, with the line each starts on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace classbook::domain {

struct CsvRecord {
  int line = 0;  // where the record starts, from 1
  std::vector<std::string> fields;
};
struct RowProblem {
  int line = 0;       // 0: the file as a whole
  std::string field;  // the column at fault, "" for the whole line
  std::string message;
  // What kind of problem, stable ("birth_date_invalid"): a client says it in its own language by this
  // and shows `message` (English, with the values) beside it. The kinds: docs/openapi.yaml ImportProblem.
  std::string code;
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

}  // namespace classbook::domain
