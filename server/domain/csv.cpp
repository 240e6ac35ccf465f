// csv: splits a spreadsheet's CSV export into records; the first malformed record stops it with a reason.
#include "csv.hpp"

#include <algorithm>

#include "text.hpp"

namespace classbook::domain {

CsvParse parse_csv(std::string_view s) {
  CsvParse out;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  const auto first_line = s.substr(0, s.find('\n'));
  const char delim = std::count(first_line.begin(), first_line.end(), ';') >
                             std::count(first_line.begin(), first_line.end(), ',')
                         ? ';'
                         : ',';
  auto fail = [&out](int line, std::string message) {
    out.problem = RowProblem{line, {}, std::move(message), "csv_malformed"};
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

}  // namespace classbook::domain
